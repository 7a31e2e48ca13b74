import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import Box from '@material-ui/core/Box';
import IconButton from '@material-ui/core/IconButton';
import LinearProgress from '@material-ui/core/LinearProgress';
import Paper from '@material-ui/core/Paper';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableContainer from '@material-ui/core/TableContainer';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import TableSortLabel from '@material-ui/core/TableSortLabel';
import Tooltip from '@material-ui/core/Tooltip';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import ChevronLeftIcon from '@material-ui/icons/ChevronLeft';
import ChevronRightIcon from '@material-ui/icons/ChevronRight';
import { ReactNode } from 'react';
import { ReviewOverview } from '../../api/types';
import { ModelSortColumn } from '../../models/modelQuery';
import { ModelReadinessChip } from '../ModelReadinessChip';
import { ModelDriftChip } from '../ModelDriftChip';
import { ModelDriftSummary } from '../../api/driftTypes';
import { RefLink } from '../RefLink';
import { ModelRolloutChip } from '../ModelRolloutChip';
import { ModelSloChip } from '../ModelSloChip';
import { ModelSloSummary } from '../../api/sloTypes';
import { RolloutByModel } from '../MLModelsPage/useRolloutSummaries';
import { LifecycleChip } from '../LifecycleChip';
import { RiskTierChip } from '../RiskTierChip';

/** @public */
export interface ModelsTableProps {
  models: Entity[];
  totalItems: number;
  /** Zero-based page number, for the "21–40 of 5,000" label. */
  pageIndex: number;
  pageSize: number;
  hasNext: boolean;
  hasPrevious: boolean;
  onNext: () => void;
  onPrevious: () => void;
  sort: ModelSortColumn;
  order: 'asc' | 'desc';
  onSort: (column: ModelSortColumn) => void;
  loading: boolean;
  /** Shown in the body when `models` is empty. */
  emptyContent?: ReactNode;
  /**
   * The newest readiness review per model (keyed by
   * `stringifyEntityRef(model)`); adds the Readiness column when given.
   */
  readiness?: ModelsTableReadiness;
  /** The drift status per model (keyed like `readiness`); adds the Drift column when given. */
  drift?: ModelsTableDrift;
  /** The rollout per model (keyed like `readiness`); adds the Rollout column when given. */
  rollout?: ModelsTableRollout;
  /** The SLO state per model (keyed like `readiness`); adds the SLO column when given. */
  slo?: ModelsTableSlo;
}

/** @public */
export interface ModelsTableSlo {
  byModel?: Map<string, ModelSloSummary>;
  loading: boolean;
  /** Set when the SLO summary could not be loaded. */
  error?: Error;
}

/** @public */
export interface ModelsTableRollout {
  byModel?: RolloutByModel;
  loading: boolean;
  /** Set when the rollout summary could not be loaded. */
  error?: Error;
}

/** @public */
export interface ModelsTableDrift {
  byModel?: Map<string, ModelDriftSummary>;
  loading: boolean;
  /** Set when the drift summary could not be loaded. */
  error?: Error;
}

/** @public */
export interface ModelsTableReadiness {
  byModel?: Map<string, ReviewOverview | null>;
  loading: boolean;
  /** Set when the readiness summary could not be loaded. */
  error?: Error;
  /** Link to a review page, when the app mounts one. */
  link?: (reviewId: string) => string;
}

const COLUMNS: Array<{ id: ModelSortColumn; label: string }> = [
  { id: 'name', label: 'Name' },
  { id: 'owner', label: 'Owner / system' },
  { id: 'type', label: 'Type' },
  { id: 'riskTier', label: 'Risk tier' },
  { id: 'lifecycle', label: 'Lifecycle' },
  { id: 'version', label: 'In production' },
];

const useStyles = makeStyles(theme => ({
  // On narrow screens the columns scroll inside the table, not the page.
  container: {
    overflowX: 'auto',
  },
  table: {
    '& td, & th': {
      padding: theme.spacing(0.75, 0.75),
      // Wrap between words only: names such as "Search & discovery" may
      // take two lines, but never break inside a word.
      wordBreak: 'normal',
      overflowWrap: 'normal',
    },
  },
  progress: {
    height: 2,
  },
  progressPlaceholder: {
    height: 2,
  },
  description: {
    display: '-webkit-box',
    WebkitLineClamp: 1,
    WebkitBoxOrient: 'vertical',
    overflow: 'hidden',
    maxWidth: 260,
  },
  version: {
    fontFamily: 'monospace',
    whiteSpace: 'nowrap',
  },
  nowrap: {
    whiteSpace: 'nowrap',
  },
  nameCell: {
    minWidth: 170,
  },
  footer: {
    display: 'flex',
    alignItems: 'center',
    justifyContent: 'flex-end',
    gap: theme.spacing(1),
    padding: theme.spacing(1, 2),
  },
}));

const str = (value: unknown) => (typeof value === 'string' ? value : undefined);
const numberFormat = new Intl.NumberFormat('en-US');

function ReadinessCell(props: {
  model: Entity;
  readiness: ModelsTableReadiness;
}) {
  const { model, readiness } = props;
  if (readiness.error) {
    return (
      <Tooltip title={`Readiness unavailable: ${readiness.error.message}`}>
        <Typography variant="body2" color="textSecondary">
          —
        </Typography>
      </Tooltip>
    );
  }
  const ref = stringifyEntityRef(model);
  if (!readiness.byModel?.has(ref)) {
    return readiness.loading ? (
      <Typography variant="body2" color="textSecondary">
        …
      </Typography>
    ) : null;
  }
  const review = readiness.byModel.get(ref) ?? null;
  return (
    <ModelReadinessChip
      review={review}
      to={review ? readiness.link?.(review.id) : undefined}
    />
  );
}

function DriftCell(props: { model: Entity; drift: ModelsTableDrift }) {
  const { model, drift } = props;
  if (drift.error) {
    return (
      <Tooltip title={`Drift unavailable: ${drift.error.message}`}>
        <Typography variant="body2" color="textSecondary">
          —
        </Typography>
      </Tooltip>
    );
  }
  const summary = drift.byModel?.get(stringifyEntityRef(model));
  if (!summary) {
    return drift.loading ? (
      <Typography variant="body2" color="textSecondary">
        …
      </Typography>
    ) : null;
  }
  return <ModelDriftChip summary={summary} />;
}

function SloCell(props: { model: Entity; slo: ModelsTableSlo }) {
  const { model, slo } = props;
  if (slo.error) {
    return (
      <Tooltip title={`SLOs unavailable: ${slo.error.message}`}>
        <Typography variant="body2" color="textSecondary">
          —
        </Typography>
      </Tooltip>
    );
  }
  const summary = slo.byModel?.get(stringifyEntityRef(model));
  if (!summary) {
    return slo.loading ? (
      <Typography variant="body2" color="textSecondary">
        …
      </Typography>
    ) : null;
  }
  return <ModelSloChip summary={summary} />;
}

function RolloutCell(props: { model: Entity; rollout: ModelsTableRollout }) {
  const { model, rollout } = props;
  if (rollout.error) {
    return (
      <Tooltip title={`Rollouts unavailable: ${rollout.error.message}`}>
        <Typography variant="body2" color="textSecondary">
          —
        </Typography>
      </Tooltip>
    );
  }
  const entry = rollout.byModel?.get(stringifyEntityRef(model));
  if (!entry) {
    return rollout.loading ? (
      <Typography variant="body2" color="textSecondary">
        …
      </Typography>
    ) : null;
  }
  if (entry.error) {
    return (
      <Tooltip title={entry.error}>
        <Typography variant="body2" color="textSecondary">
          unavailable
        </Typography>
      </Tooltip>
    );
  }
  return entry.rollout ? <ModelRolloutChip rollout={entry.rollout} /> : null;
}

function ModelRow(props: {
  model: Entity;
  readiness?: ModelsTableReadiness;
  drift?: ModelsTableDrift;
  rollout?: ModelsTableRollout;
  slo?: ModelsTableSlo;
}) {
  const { model, readiness, drift, rollout, slo } = props;
  const classes = useStyles();
  const spec = model.spec ?? {};
  const namespace = model.metadata.namespace;
  const owner = str(spec.owner);
  const system = str(spec.system);
  const version = str(spec.version);
  return (
    <TableRow hover data-testid="model-row">
      <TableCell className={classes.nameCell}>
        <EntityRefLink entityRef={model} />
        {model.metadata.description && (
          <Typography
            variant="caption"
            color="textSecondary"
            component="div"
            className={classes.description}
            title={model.metadata.description}
          >
            {model.metadata.description}
          </Typography>
        )}
      </TableCell>
      {/* Owner and system share a column: the table has many to fit. */}
      <TableCell>
        {owner ? (
          <RefLink
            entityRef={owner}
            defaultKind="group"
            defaultNamespace={namespace}
          />
        ) : (
          '—'
        )}
        {system && (
          <Typography variant="caption" component="div">
            <RefLink
              entityRef={system}
              defaultKind="system"
              defaultNamespace={namespace}
            />
          </Typography>
        )}
      </TableCell>
      <TableCell>{str(spec.type) ?? '—'}</TableCell>
      <TableCell>
        <RiskTierChip tier={str(spec.riskTier)} />
      </TableCell>
      <TableCell>
        <LifecycleChip lifecycle={str(spec.lifecycle)} />
      </TableCell>
      <TableCell className={classes.version}>{version ?? '—'}</TableCell>
      {readiness && (
        <TableCell data-testid="readiness-cell">
          <ReadinessCell model={model} readiness={readiness} />
        </TableCell>
      )}
      {slo && (
        <TableCell data-testid="slo-cell">
          <SloCell model={model} slo={slo} />
        </TableCell>
      )}
      {drift && (
        <TableCell data-testid="drift-cell">
          <DriftCell model={model} drift={drift} />
        </TableCell>
      )}
      {rollout && (
        <TableCell data-testid="rollout-cell">
          <RolloutCell model={model} rollout={rollout} />
        </TableCell>
      )}
    </TableRow>
  );
}

/** One page of models, sortable by column, with previous/next paging. */
export function ModelsTable(props: ModelsTableProps) {
  const classes = useStyles();
  const {
    models,
    totalItems,
    pageIndex,
    pageSize,
    hasNext,
    hasPrevious,
    onNext,
    onPrevious,
    sort,
    order,
    onSort,
    loading,
    emptyContent,
    readiness,
    drift,
    rollout,
    slo,
  } = props;
  const columnCount =
    COLUMNS.length +
    (readiness ? 1 : 0) +
    (drift ? 1 : 0) +
    (rollout ? 1 : 0) +
    (slo ? 1 : 0);
  const first = totalItems === 0 ? 0 : pageIndex * pageSize + 1;
  const last = Math.min(totalItems, pageIndex * pageSize + models.length);

  return (
    <Paper variant="outlined">
      {loading ? (
        <LinearProgress
          className={classes.progress}
          aria-label="Loading models"
        />
      ) : (
        <div className={classes.progressPlaceholder} />
      )}
      <TableContainer className={classes.container}>
        <Table size="small" aria-label="Models" className={classes.table}>
          <TableHead>
            <TableRow>
              {COLUMNS.map(column => (
                <TableCell
                  key={column.id}
                  sortDirection={sort === column.id ? order : false}
                >
                  <TableSortLabel
                    active={sort === column.id}
                    direction={sort === column.id ? order : 'asc'}
                    onClick={() => onSort(column.id)}
                  >
                    {column.label}
                  </TableSortLabel>
                </TableCell>
              ))}
              {readiness && (
                <TableCell className={classes.nowrap}>Readiness</TableCell>
              )}
              {slo && <TableCell className={classes.nowrap}>SLO</TableCell>}
              {drift && <TableCell className={classes.nowrap}>Drift</TableCell>}
              {rollout && (
                <TableCell className={classes.nowrap}>Rollout</TableCell>
              )}
            </TableRow>
          </TableHead>
          <TableBody>
            {models.map(model => (
              <ModelRow
                key={`${model.metadata.namespace ?? 'default'}/${
                  model.metadata.name
                }`}
                model={model}
                readiness={readiness}
                drift={drift}
                rollout={rollout}
                slo={slo}
              />
            ))}
            {models.length === 0 && !loading && (
              <TableRow>
                <TableCell colSpan={columnCount}>
                  <Box py={4}>{emptyContent}</Box>
                </TableCell>
              </TableRow>
            )}
          </TableBody>
        </Table>
      </TableContainer>
      <div className={classes.footer}>
        <Typography
          variant="body2"
          color="textSecondary"
          data-testid="models-range"
        >
          {numberFormat.format(first)}–{numberFormat.format(last)} of{' '}
          {numberFormat.format(totalItems)}
        </Typography>
        <IconButton
          size="small"
          aria-label="Previous page"
          disabled={!hasPrevious || loading}
          onClick={onPrevious}
        >
          <ChevronLeftIcon />
        </IconButton>
        <IconButton
          size="small"
          aria-label="Next page"
          disabled={!hasNext || loading}
          onClick={onNext}
        >
          <ChevronRightIcon />
        </IconButton>
      </div>
    </Paper>
  );
}
