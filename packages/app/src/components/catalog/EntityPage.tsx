import { Grid } from '@material-ui/core';
import {
  EntityAboutCard,
  EntityHasComponentsCard,
  EntityHasResourcesCard,
  EntityHasSystemsCard,
  EntityLayout,
  EntityLinksCard,
  EntityOrphanWarning,
  EntityProcessingErrorsPanel,
  EntityRelationWarning,
  EntitySwitch,
  hasCatalogProcessingErrors,
  hasRelationWarnings,
  isKind,
  isOrphan,
  RelatedEntitiesCard,
} from '@backstage/plugin-catalog';
import {
  EntityGroupProfileCard,
  EntityMembersListCard,
  EntityOwnershipCard,
  EntityUserProfileCard,
} from '@backstage/plugin-org';
import { EntityCatalogGraphCard } from '@backstage/plugin-catalog-graph';
import {
  EntityMLModelAboutCard,
  EntityMLModelCanaryPanel,
  EntityMLModelDataCard,
  EntityMLModelDriftCard,
  EntityMLModelLineageCard,
  EntityMLModelReadinessCard,
  EntityMLModelSloCard,
  EntityMLModelUnresolvedRefsWarning,
  EntityMLModelVersionsCard,
  hasMLModelUnresolvedRefs,
  isMLModelEntity,
} from '@mlops-portal/plugin-mlops';
import { RELATION_HAS_PART } from '@backstage/catalog-model';

const orphanWarning = (
  <EntitySwitch>
    <EntitySwitch.Case if={isOrphan}>
      <Grid item xs={12}>
        <EntityOrphanWarning />
      </Grid>
    </EntitySwitch.Case>
  </EntitySwitch>
);

const processingErrors = (
  <EntitySwitch>
    <EntitySwitch.Case if={hasCatalogProcessingErrors}>
      <Grid item xs={12}>
        <EntityProcessingErrorsPanel />
      </Grid>
    </EntitySwitch.Case>
  </EntitySwitch>
);

const entityWarningContent = (
  <>
    {orphanWarning}
    <EntitySwitch>
      <EntitySwitch.Case if={hasRelationWarnings}>
        <Grid item xs={12}>
          <EntityRelationWarning />
        </Grid>
      </EntitySwitch.Case>
    </EntitySwitch>
    {processingErrors}
  </>
);

// Models report unresolved references with their own warning (which names
// the field each ref came from), so the generic relation warning is left out.
const mlModelWarningContent = (
  <>
    {orphanWarning}
    {processingErrors}
  </>
);

const mlModelPage = (
  <EntityLayout>
    <EntityLayout.Route path="/" title="Overview">
      <Grid container spacing={3} alignItems="stretch">
        {mlModelWarningContent}
        <EntitySwitch>
          <EntitySwitch.Case if={hasMLModelUnresolvedRefs}>
            <Grid item xs={12}>
              <EntityMLModelUnresolvedRefsWarning />
            </Grid>
          </EntitySwitch.Case>
        </EntitySwitch>
        {/* Whether this model may ship: near the top, next to what it is. */}
        <Grid item md={7} xs={12}>
          <EntityMLModelAboutCard />
        </Grid>
        <Grid item md={5} xs={12}>
          <Grid container spacing={3}>
            <Grid item xs={12}>
              <EntityMLModelReadinessCard />
            </Grid>
            <Grid item xs={12}>
              <EntityMLModelDataCard />
            </Grid>
          </Grid>
        </Grid>
        {/* The canary of the version rolling out, and what may be done to it. */}
        <Grid item xs={12}>
          <EntityMLModelCanaryPanel />
        </Grid>
        {/* Whether the model keeps its promises: error budgets and burn rates. */}
        <Grid item xs={12}>
          <EntityMLModelSloCard />
        </Grid>
        {/* Whether production data still looks like the training data. */}
        <Grid item xs={12}>
          <EntityMLModelDriftCard />
        </Grid>
        <Grid item xs={12}>
          <EntityMLModelLineageCard />
        </Grid>
        <Grid item xs={12}>
          <EntityMLModelVersionsCard />
        </Grid>
      </Grid>
    </EntityLayout.Route>
  </EntityLayout>
);

const overviewContent = (
  <Grid container spacing={3} alignItems="stretch">
    {entityWarningContent}
    <Grid item md={6} xs={12}>
      <EntityAboutCard />
    </Grid>
    <Grid item md={6} xs={12}>
      <EntityCatalogGraphCard height={400} />
    </Grid>
    <Grid item md={4} xs={12}>
      <EntityLinksCard />
    </Grid>
  </Grid>
);

const componentPage = (
  <EntityLayout>
    <EntityLayout.Route path="/" title="Overview">
      {overviewContent}
    </EntityLayout.Route>
  </EntityLayout>
);

const userPage = (
  <EntityLayout>
    <EntityLayout.Route path="/" title="Overview">
      <Grid container spacing={3}>
        {entityWarningContent}
        <Grid item xs={12} md={6}>
          <EntityUserProfileCard />
        </Grid>
        <Grid item xs={12} md={6}>
          <EntityOwnershipCard />
        </Grid>
      </Grid>
    </EntityLayout.Route>
  </EntityLayout>
);

const groupPage = (
  <EntityLayout>
    <EntityLayout.Route path="/" title="Overview">
      <Grid container spacing={3}>
        {entityWarningContent}
        <Grid item xs={12} md={6}>
          <EntityGroupProfileCard />
        </Grid>
        <Grid item xs={12} md={6}>
          <EntityOwnershipCard />
        </Grid>
        <Grid item xs={12}>
          <EntityMembersListCard />
        </Grid>
      </Grid>
    </EntityLayout.Route>
  </EntityLayout>
);

const systemPage = (
  <EntityLayout>
    <EntityLayout.Route path="/" title="Overview">
      <Grid container spacing={3} alignItems="stretch">
        {entityWarningContent}
        <Grid item md={6}>
          <EntityAboutCard />
        </Grid>
        <Grid item md={6} xs={12}>
          <EntityCatalogGraphCard height={400} />
        </Grid>
        <Grid item md={6}>
          <RelatedEntitiesCard
            title="Models"
            entityKind="MLModel"
            relationType={RELATION_HAS_PART}
            columns={[
              { title: 'Name', field: 'metadata.name' },
              { title: 'Description', field: 'metadata.description' },
            ]}
            emptyMessage="No models are part of this system"
            emptyHelpLink="https://backstage.io/docs/features/software-catalog/descriptor-format"
            asRenderableEntities={entities => entities}
          />
        </Grid>
        <Grid item md={6}>
          <EntityHasComponentsCard />
        </Grid>
        <Grid item md={6}>
          <EntityHasResourcesCard />
        </Grid>
      </Grid>
    </EntityLayout.Route>
  </EntityLayout>
);

const domainPage = (
  <EntityLayout>
    <EntityLayout.Route path="/" title="Overview">
      <Grid container spacing={3}>
        {entityWarningContent}
        <Grid item md={6}>
          <EntityAboutCard />
        </Grid>
        <Grid item md={6}>
          <EntityHasSystemsCard />
        </Grid>
      </Grid>
    </EntityLayout.Route>
  </EntityLayout>
);

export const entityPage = (
  <EntitySwitch>
    <EntitySwitch.Case if={isMLModelEntity} children={mlModelPage} />
    <EntitySwitch.Case if={isKind('user')} children={userPage} />
    <EntitySwitch.Case if={isKind('group')} children={groupPage} />
    <EntitySwitch.Case if={isKind('system')} children={systemPage} />
    <EntitySwitch.Case if={isKind('domain')} children={domainPage} />
    <EntitySwitch.Case>{componentPage}</EntitySwitch.Case>
  </EntitySwitch>
);
