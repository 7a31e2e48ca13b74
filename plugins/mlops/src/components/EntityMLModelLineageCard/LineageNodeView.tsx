import { DependencyGraphTypes } from '@backstage/core-components';
import { useEntityRefLink } from '@backstage/plugin-catalog-react';
import { makeStyles, Theme } from '@material-ui/core/styles';
import {
  blueGrey,
  indigo,
  teal,
  deepPurple,
  red,
} from '@material-ui/core/colors';
import { MouseEvent } from 'react';
import { useNavigate } from 'react-router-dom';
import { LineageNode, LineageRole } from '../../lineage/buildLineageGraph';

/** Fill colour per role; the model itself uses the theme's primary colour. */
export const LINEAGE_ROLE_COLORS: Record<
  Exclude<LineageRole, 'model'>,
  string
> = {
  owner: deepPurple[500],
  dataset: teal[700],
  serving: indigo[500],
  system: blueGrey[600],
};

const ROLE_CAPTIONS: Record<LineageRole, string> = {
  model: 'this model',
  owner: 'owner',
  dataset: 'dataset',
  serving: 'served by',
  system: 'system',
};

// Node sizes come from the text length rather than from getBBox, so the
// layout is stable across fonts and renders the same in tests.
const CHAR_WIDTH = 7.2;
const PADDING_X = 16;
const HEIGHT = 44;

export function nodeWidth(node: LineageNode): number {
  const caption = captionOf(node);
  const longest = Math.max(node.label.length, caption.length * 0.85);
  return Math.round(Math.max(96, longest * CHAR_WIDTH + PADDING_X * 2));
}

function captionOf(node: LineageNode): string {
  return node.missing
    ? `missing ${node.kind}`
    : `${ROLE_CAPTIONS[node.role]} · ${node.kind}`;
}

const useStyles = makeStyles((theme: Theme) => ({
  node: {
    outline: 'none',
    '&:focus-visible rect': {
      strokeWidth: 3,
      stroke: theme.palette.text.primary,
    },
  },
  clickable: {
    cursor: 'pointer',
    '&:hover rect': { filter: 'brightness(1.1)' },
  },
  rect: {
    stroke: 'none',
  },
  modelRect: {
    fill: theme.palette.primary.main,
    stroke: 'none',
  },
  missingRect: {
    fill: red[50],
    stroke: red[700],
    strokeWidth: 1.5,
    strokeDasharray: '5 3',
  },
  label: {
    fill: '#fff',
    fontSize: 13,
    fontWeight: 600,
  },
  caption: {
    fill: 'rgba(255, 255, 255, 0.85)',
    fontSize: 10,
  },
  missingLabel: {
    fill: red[800],
    fontSize: 13,
    fontWeight: 600,
  },
  missingCaption: {
    fill: red[700],
    fontSize: 10,
  },
}));

/**
 * Draws one lineage node. Nodes that exist are links to their entity page;
 * missing ones are drawn dashed in red and are not clickable.
 */
export function LineageNodeView(
  props: DependencyGraphTypes.RenderNodeProps<LineageNode>,
) {
  const { node } = props;
  const classes = useStyles();
  const navigate = useNavigate();
  const entityLink = useEntityRefLink();
  const width = nodeWidth(node);
  let rectClass = classes.rect;
  let fill: string | undefined;
  if (node.missing) {
    rectClass = classes.missingRect;
  } else if (node.role === 'model') {
    rectClass = classes.modelRect;
  } else {
    fill = LINEAGE_ROLE_COLORS[node.role];
  }

  const body = (
    <>
      <rect
        width={width}
        height={HEIGHT}
        rx={8}
        className={rectClass}
        style={fill ? { fill } : undefined}
      />
      <text
        x={width / 2}
        y={19}
        textAnchor="middle"
        className={node.missing ? classes.missingLabel : classes.label}
      >
        {node.label}
      </text>
      <text
        x={width / 2}
        y={34}
        textAnchor="middle"
        className={node.missing ? classes.missingCaption : classes.caption}
      >
        {captionOf(node)}
      </text>
      <title>
        {node.missing ? `${node.id} does not exist in the catalog` : node.id}
      </title>
    </>
  );

  if (node.missing || node.role === 'model') {
    return (
      <g
        className={classes.node}
        data-testid={`lineage-node-${node.id}`}
        data-missing={node.missing}
      >
        {body}
      </g>
    );
  }

  const href = entityLink(node.id);
  return (
    <a
      href={href}
      className={`${classes.node} ${classes.clickable}`}
      data-testid={`lineage-node-${node.id}`}
      data-missing={false}
      onClick={(event: MouseEvent) => {
        // Let modified clicks open a new tab as they would for any link.
        if (event.metaKey || event.ctrlKey || event.shiftKey) return;
        event.preventDefault();
        navigate(href);
      }}
      aria-label={`${node.label} (${ROLE_CAPTIONS[node.role]})`}
    >
      {body}
    </a>
  );
}
