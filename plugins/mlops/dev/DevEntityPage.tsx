import { Entity } from '@backstage/catalog-model';
import {
  Content,
  Header,
  Page,
  Progress,
  WarningPanel,
} from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { catalogApiRef, EntityProvider } from '@backstage/plugin-catalog-react';
import Grid from '@material-ui/core/Grid';
import { useParams } from 'react-router-dom';
import useAsync from 'react-use/esm/useAsync';
import {
  EntityMLModelAboutCard,
  EntityMLModelDataCard,
  EntityMLModelLineageCard,
  EntityMLModelUnresolvedRefsWarning,
  EntityMLModelVersionsCard,
  EntityMLModelReadinessCard,
  hasMLModelUnresolvedRefs,
  isMLModelEntity,
} from '../src';

function ModelOverview(props: { entity: Entity }) {
  return (
    <EntityProvider entity={props.entity}>
      <Grid container spacing={3} alignItems="stretch">
        {hasMLModelUnresolvedRefs(props.entity) && (
          <Grid item xs={12}>
            <EntityMLModelUnresolvedRefsWarning />
          </Grid>
        )}
        <Grid item xs={12}>
          <EntityMLModelReadinessCard />
        </Grid>
        <Grid item xs={12}>
          <EntityMLModelAboutCard variant="gridItem" />
        </Grid>
        <Grid item xs={12} lg={6}>
          <EntityMLModelLineageCard variant="gridItem" />
        </Grid>
        <Grid item xs={12} lg={6}>
          <EntityMLModelDataCard variant="gridItem" />
        </Grid>
        <Grid item xs={12}>
          <EntityMLModelVersionsCard />
        </Grid>
      </Grid>
    </EntityProvider>
  );
}

/** A stand-in for the catalog's entity page, laid out like the README suggests. */
export function DevEntityPage() {
  const { namespace = 'default', kind = '', name = '' } = useParams();
  const catalogApi = useApi(catalogApiRef);
  const { value: entity, loading } = useAsync(
    () => catalogApi.getEntityByRef({ kind, namespace, name }),
    [catalogApi, kind, namespace, name],
  );
  return (
    <Page themeId="tool">
      <Header
        title={entity?.metadata.title ?? name}
        subtitle={`${kind}:${namespace}/${name}`}
      />
      <Content>
        {loading && <Progress />}
        {!loading && !entity && (
          <WarningPanel
            title={`No ${kind} ${namespace}/${name} in the dev catalog`}
          />
        )}
        {entity && isMLModelEntity(entity) && <ModelOverview entity={entity} />}
        {entity && !isMLModelEntity(entity) && (
          <WarningPanel
            severity="info"
            title={`${entity.kind} ${entity.metadata.name}`}
            message="The dev app only renders MLModel pages."
          />
        )}
      </Content>
    </Page>
  );
}
