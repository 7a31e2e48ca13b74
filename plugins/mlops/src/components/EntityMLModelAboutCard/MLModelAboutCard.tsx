import { InfoCard, InfoCardVariants } from '@backstage/core-components';
import { useEntity } from '@backstage/plugin-catalog-react';
import Box from '@material-ui/core/Box';
import Divider from '@material-ui/core/Divider';
import Grid from '@material-ui/core/Grid';
import Link from '@material-ui/core/Link';
import Typography from '@material-ui/core/Typography';
import { isMLModelEntity } from '@mlops-portal/plugin-mlops-common';
import { NotAnMLModel } from '../NotAnMLModel';
import { ModelCardSections } from './ModelCardSections';
import { ModelFacts } from './ModelFacts';
import { ModelLinkButtons } from './ModelLinkButtons';
import { selectModelLinks } from './modelLinks';

/** @public */
export interface MLModelAboutCardProps {
  variant?: InfoCardVariants;
}

/**
 * The model card of the current MLModel entity: its facts on the left, the
 * model-card sections on the right, runbook and dashboard on top.
 */
export function MLModelAboutCard(props: MLModelAboutCardProps) {
  const { entity } = useEntity();
  if (!isMLModelEntity(entity)) {
    return <NotAnMLModel entity={entity} />;
  }
  const links = selectModelLinks(entity);
  return (
    <InfoCard
      title="About this model"
      subheader={entity.metadata.description}
      variant={props.variant}
    >
      <ModelLinkButtons links={links} />
      <Box my={2}>
        <Divider />
      </Box>
      <Grid container spacing={3}>
        <Grid item xs={12} md={5}>
          <ModelFacts entity={entity} />
        </Grid>
        <Grid item xs={12} md={7}>
          <ModelCardSections card={entity.spec.modelCard} />
        </Grid>
      </Grid>
      {links.others.length > 0 && (
        <Box mt={2}>
          <Typography variant="subtitle2" component="h3" gutterBottom>
            More links
          </Typography>
          <Box display="flex" flexWrap="wrap" style={{ gap: 16 }}>
            {links.others.map(link => (
              <Link
                key={`${link.url}|${link.title}`}
                href={link.url}
                target="_blank"
                rel="noopener noreferrer"
                variant="body2"
              >
                {link.title}
              </Link>
            ))}
          </Box>
        </Box>
      )}
    </InfoCard>
  );
}
