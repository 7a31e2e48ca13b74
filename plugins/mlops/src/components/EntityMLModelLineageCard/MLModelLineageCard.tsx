import {
  DependencyGraph,
  DependencyGraphTypes,
  InfoCard,
  InfoCardVariants,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { useEntity } from '@backstage/plugin-catalog-react';
import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import {
  isMLModelEntity,
  MLModelEntityV1alpha1,
} from '@mlops-portal/plugin-mlops-common';
import { useMemo } from 'react';
import { buildLineageGraph } from '../../lineage/buildLineageGraph';
import { useModelRefEntities } from '../../refs/useModelRefEntities';
import { NotAnMLModel } from '../NotAnMLModel';
import { LineageLegend } from './LineageLegend';
import { LineageNodeView } from './LineageNodeView';

/** @public */
export interface MLModelLineageCardProps {
  variant?: InfoCardVariants;
  /** Height of the graph in pixels; defaults to 320. */
  height?: number;
}

const useStyles = makeStyles({
  graph: {
    width: '100%',
  },
});

function LineageGraphView(props: {
  entity: MLModelEntityV1alpha1;
  height: number;
}) {
  const { entity, height } = props;
  const classes = useStyles();
  const { loading, error, value } = useModelRefEntities(entity);

  const graph = useMemo(() => {
    if (!value) return undefined;
    const titles = new Map<string, string>();
    value.entities.forEach((related, ref) => {
      if (related.metadata.title) titles.set(ref, related.metadata.title);
    });
    return buildLineageGraph(entity, {
      existingRefs: value.existingRefs,
      titles,
    });
  }, [entity, value]);

  if (loading) return <Progress />;
  if (error) return <ResponseErrorPanel error={error} />;
  if (!graph) return null;

  const missing = graph.nodes.filter(n => n.missing).length;
  return (
    <>
      {missing > 0 && (
        <Typography variant="body2" color="error" paragraph>
          {missing === 1
            ? '1 reference points to an entity that is not in the catalog.'
            : `${missing} references point to entities that are not in the catalog.`}
        </Typography>
      )}
      <DependencyGraph
        nodes={graph.nodes}
        edges={graph.edges}
        renderNode={LineageNodeView}
        direction={DependencyGraphTypes.Direction.LEFT_RIGHT}
        labelPosition={DependencyGraphTypes.LabelPosition.RIGHT}
        labelOffset={8}
        rankMargin={80}
        nodeMargin={24}
        paddingX={16}
        paddingY={16}
        fit="contain"
        zoom="enable-on-click"
        showArrowHeads
        className={classes.graph}
        style={{ height }}
      />
      <LineageLegend />
    </>
  );
}

/**
 * The lineage of the current MLModel as a graph: owner and datasets on the
 * left, serving components and system on the right. Click a node to open
 * its entity; references missing from the catalog are drawn dashed in red.
 */
export function MLModelLineageCard(props: MLModelLineageCardProps) {
  const { entity } = useEntity();
  if (!isMLModelEntity(entity)) {
    return <NotAnMLModel entity={entity} />;
  }
  return (
    <InfoCard
      title="Lineage"
      subheader="Where the data comes from, who owns the model and what serves it"
      variant={props.variant}
    >
      <Box>
        <LineageGraphView entity={entity} height={props.height ?? 320} />
      </Box>
    </InfoCard>
  );
}
