import {
  Entity,
  parseEntityRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { Progress, ResponseErrorPanel } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { catalogApiRef, EntityRefLink } from '@backstage/plugin-catalog-react';
import Box from '@material-ui/core/Box';
import Paper from '@material-ui/core/Paper';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import {
  SLO_STATES,
  SloState,
  worstSloState,
} from '@mlops-portal/plugin-mlops-common';
import useAsync from 'react-use/esm/useAsync';
import { mlopsApiRef } from '../../api';
import { ModelSloSummary } from '../../api/sloTypes';
import { formatPercent } from '../EntityMLModelSloCard/sloPresentation';
import { RefLink } from '../RefLink';
import { SLO_STATE_MEANINGS, SloStateChip } from '../SloStateChip';

/** The summary endpoint takes this many refs per call. */
const REFS_PER_CALL = 500;

interface RollupRow {
  model: Entity;
  summary?: ModelSloSummary;
}

interface TeamRollup {
  owner: string;
  rows: RollupRow[];
  worst?: SloState;
  minBudget?: number;
  counts: Record<SloState, number>;
}

function ownerRefOf(model: Entity): string {
  const owner = (model.spec as { owner?: unknown } | undefined)?.owner;
  if (typeof owner !== 'string' || !owner) return 'unowned';
  try {
    return stringifyEntityRef(
      parseEntityRef(owner, {
        defaultKind: 'group',
        defaultNamespace: model.metadata.namespace ?? 'default',
      }),
    );
  } catch {
    return owner;
  }
}

const rank = (state?: SloState) =>
  state ? SLO_STATES.indexOf(state) : SLO_STATES.length;

/** Teams with their models, worst first: what a lead looks at first. */
export function rollUpByTeam(rows: RollupRow[]): TeamRollup[] {
  const teams = new Map<string, RollupRow[]>();
  for (const row of rows) {
    const owner = ownerRefOf(row.model);
    teams.set(owner, [...(teams.get(owner) ?? []), row]);
  }
  const computed = (row: RollupRow) =>
    row.summary?.status === 'computed' ? row.summary : undefined;
  return [...teams.entries()]
    .map(([owner, teamRows]) => {
      const states = teamRows
        .map(r => computed(r)?.worstState)
        .filter((s): s is SloState => !!s);
      const budgets = teamRows
        .map(r => computed(r)?.minBudgetRemaining)
        .filter((b): b is number => b !== undefined);
      const counts = Object.fromEntries(
        SLO_STATES.map(s => [s, states.filter(x => x === s).length]),
      ) as Record<SloState, number>;
      return {
        owner,
        rows: [...teamRows].sort(
          (a, b) =>
            rank(computed(a)?.worstState) - rank(computed(b)?.worstState) ||
            (computed(a)?.minBudgetRemaining ?? 2) -
              (computed(b)?.minBudgetRemaining ?? 2),
        ),
        worst: worstSloState(states),
        minBudget: budgets.length ? Math.min(...budgets) : undefined,
        counts,
      };
    })
    .sort(
      (a, b) => rank(a.worst) - rank(b.worst) || a.owner.localeCompare(b.owner),
    );
}

function TeamTable(props: { team: TeamRollup }) {
  const { team } = props;
  return (
    <Paper variant="outlined" data-testid="slo-team">
      <Box
        p={2}
        display="flex"
        alignItems="center"
        flexWrap="wrap"
        style={{ gap: 12 }}
      >
        <Typography variant="h6" component="h2">
          {team.owner === 'unowned' ? (
            'No owner'
          ) : (
            <RefLink entityRef={team.owner} defaultKind="group" />
          )}
        </Typography>
        {team.worst && <SloStateChip state={team.worst} size="medium" />}
        <Typography variant="body2" color="textSecondary">
          {SLO_STATES.filter(s => team.counts[s] > 0)
            .map(s => `${team.counts[s]} ${s.toLowerCase()}`)
            .join(' · ') || 'no SLOs'}
          {team.minBudget !== undefined &&
            ` · smallest budget left ${formatPercent(team.minBudget, 0)}`}
        </Typography>
      </Box>
      <Table size="small" aria-label={`Models of ${team.owner}`}>
        <TableHead>
          <TableRow>
            <TableCell>Model</TableCell>
            <TableCell>Worst SLO</TableCell>
            <TableCell>Budget left</TableCell>
            <TableCell>SLOs</TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {team.rows.map(({ model, summary }) => {
            const computed =
              summary?.status === 'computed' ? summary : undefined;
            return (
              <TableRow
                key={stringifyEntityRef(model)}
                data-testid="slo-team-model"
              >
                <TableCell>
                  <EntityRefLink entityRef={model} />
                </TableCell>
                <TableCell>
                  {computed?.worstState ? (
                    <SloStateChip state={computed.worstState} />
                  ) : (
                    <Typography variant="body2" color="textSecondary">
                      {computed ? 'no SLOs' : 'not computed yet'}
                    </Typography>
                  )}
                </TableCell>
                <TableCell>
                  {computed?.minBudgetRemaining !== undefined ? (
                    <Typography
                      variant="body2"
                      color={
                        computed.minBudgetRemaining <= 0
                          ? 'error'
                          : 'textPrimary'
                      }
                    >
                      {formatPercent(computed.minBudgetRemaining, 1)}
                    </Typography>
                  ) : (
                    '—'
                  )}
                </TableCell>
                <TableCell>
                  {computed?.slos.map(s => (
                    <Typography
                      key={s.name}
                      variant="caption"
                      component="div"
                      title={s.summary}
                    >
                      {s.name}: {s.state.toLowerCase()},{' '}
                      {formatPercent(s.errorBudgetRemaining, 0)} left
                    </Typography>
                  ))}
                </TableCell>
              </TableRow>
            );
          })}
        </TableBody>
      </Table>
    </Paper>
  );
}

/**
 * For leads: every team's models with the worst SLO state and the smallest
 * error budget left, the teams that burn their budgets first.
 */
export function SloRollupContent() {
  const catalogApi = useApi(catalogApiRef);
  const api = useApi(mlopsApiRef);
  const data = useAsync(async () => {
    const { items } = await catalogApi.getEntities({
      filter: { kind: 'MLModel' },
      fields: [
        'kind',
        'metadata.name',
        'metadata.namespace',
        'metadata.title',
        'spec.owner',
      ],
    });
    const refs = items.map(m => stringifyEntityRef(m));
    const summaries: ModelSloSummary[] = [];
    for (let i = 0; i < refs.length; i += REFS_PER_CALL) {
      summaries.push(
        ...(await api.getSloSummary(refs.slice(i, i + REFS_PER_CALL))).items,
      );
    }
    return rollUpByTeam(
      items.map((model, i) => ({ model, summary: summaries[i] })),
    );
  }, [catalogApi, api]);

  if (data.loading) return <Progress />;
  if (data.error) return <ResponseErrorPanel error={data.error} />;
  const teams = data.value ?? [];
  return (
    <Box display="flex" flexDirection="column" style={{ gap: 16 }}>
      <Typography variant="body2" color="textSecondary">
        {SLO_STATES.map(s => `${s}: ${SLO_STATE_MEANINGS[s]}`).join(' ')}
      </Typography>
      {teams.length === 0 && <Typography>No models in the catalog.</Typography>}
      {teams.map(team => (
        <TeamTable key={team.owner} team={team} />
      ))}
    </Box>
  );
}
