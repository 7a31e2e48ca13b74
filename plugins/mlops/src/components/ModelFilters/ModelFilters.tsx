import { GetEntityFacetsResponse } from '@backstage/catalog-client';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import FormControlLabel from '@material-ui/core/FormControlLabel';
import IconButton from '@material-ui/core/IconButton';
import InputAdornment from '@material-ui/core/InputAdornment';
import Paper from '@material-ui/core/Paper';
import Switch from '@material-ui/core/Switch';
import TextField from '@material-ui/core/TextField';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import ClearIcon from '@material-ui/icons/Clear';
import SearchIcon from '@material-ui/icons/Search';
import { useEffect, useState } from 'react';
import useDebounce from 'react-use/esm/useDebounce';
import {
  DEFAULT_MODEL_FILTERS,
  hasActiveFilters,
  MODEL_FACET_FIELDS,
  ModelFacetFilter,
  ModelFilters as Filters,
} from '../../models/modelQuery';
import { RiskTierChip } from '../RiskTierChip';
import { FacetSelect } from './FacetSelect';
import { facetOptions } from './facetOptions';

/** How long typing pauses before the search runs. */
export const SEARCH_DEBOUNCE_MS = 300;

/** @public */
export interface ModelFiltersProps {
  filters: Filters;
  onChange: (patch: Partial<Filters>, options?: { replace?: boolean }) => void;
  facets?: GetEntityFacetsResponse['facets'];
  /** False when the user owns nothing, so "My team's models" cannot apply. */
  canFilterMine: boolean;
}

const FACET_LABELS: Record<ModelFacetFilter, string> = {
  owners: 'Owner / team',
  tiers: 'Risk tier',
  lifecycles: 'Lifecycle',
  types: 'Type',
};

function SearchField(props: {
  value: string;
  onSearch: (text: string) => void;
}) {
  const { value, onSearch } = props;
  const [text, setText] = useState(value);
  // Follow the URL when it changes from elsewhere (clear filters, back button).
  useEffect(
    () => setText(current => (current.trim() === value ? current : value)),
    [value],
  );
  useDebounce(
    () => {
      if (text.trim() !== value) onSearch(text.trim());
    },
    SEARCH_DEBOUNCE_MS,
    [text],
  );
  return (
    <TextField
      fullWidth
      size="small"
      variant="outlined"
      margin="dense"
      label="Search models"
      placeholder="Name, owner, description…"
      value={text}
      onChange={event => setText(event.target.value)}
      inputProps={{ 'aria-label': 'Search models' }}
      InputProps={{
        startAdornment: (
          <InputAdornment position="start">
            <SearchIcon fontSize="small" />
          </InputAdornment>
        ),
        endAdornment: text ? (
          <InputAdornment position="end">
            <IconButton
              size="small"
              aria-label="Clear search"
              onClick={() => setText('')}
            >
              <ClearIcon fontSize="small" />
            </IconButton>
          </InputAdornment>
        ) : undefined,
      }}
    />
  );
}

// One row above the table: the table needs the page's width for its columns.
// In a narrow container the fields wrap onto further lines.
const useStyles = makeStyles(theme => ({
  row: {
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'center',
    columnGap: theme.spacing(2),
  },
  search: { flex: '2 1 200px' },
  mine: { flex: '0 0 auto', margin: 0 },
  facet: { flex: '1 1 140px' },
}));

/** Search, "My team's models" and one menu per facet, with counts. */
export function ModelFilters(props: ModelFiltersProps) {
  const { filters, onChange, facets, canFilterMine } = props;
  const classes = useStyles();
  return (
    <Paper variant="outlined">
      <Box p={2}>
        <Box display="flex" alignItems="center" justifyContent="space-between">
          <Typography variant="h6" component="h2">
            Filters
          </Typography>
          {hasActiveFilters(filters) && (
            <Button
              size="small"
              onClick={() =>
                onChange({
                  ...DEFAULT_MODEL_FILTERS,
                  sort: filters.sort,
                  order: filters.order,
                })
              }
            >
              Clear all
            </Button>
          )}
        </Box>
        <Box className={classes.row}>
          <Box className={classes.search}>
            <SearchField
              value={filters.text}
              onSearch={text => onChange({ text }, { replace: true })}
            />
          </Box>
          <FormControlLabel
            className={classes.mine}
            control={
              <Switch
                color="primary"
                checked={filters.mine}
                disabled={!canFilterMine && !filters.mine}
                onChange={(_, checked) => onChange({ mine: checked })}
              />
            }
            label="My team's models"
          />
          {(Object.keys(MODEL_FACET_FIELDS) as ModelFacetFilter[]).map(key => (
            <Box key={key} className={classes.facet}>
              <FacetSelect
                id={`mlops-filter-${key}`}
                label={FACET_LABELS[key]}
                options={facetOptions(
                  facets?.[MODEL_FACET_FIELDS[key]],
                  key,
                  filters[key],
                )}
                selected={filters[key]}
                onChange={values => onChange({ [key]: values })}
                renderOption={
                  key === 'tiers'
                    ? option => <RiskTierChip tier={option.value} />
                    : undefined
                }
              />
            </Box>
          ))}
        </Box>
      </Box>
    </Paper>
  );
}
