import Checkbox from '@material-ui/core/Checkbox';
import FormControl from '@material-ui/core/FormControl';
import InputLabel from '@material-ui/core/InputLabel';
import ListItemText from '@material-ui/core/ListItemText';
import MenuItem from '@material-ui/core/MenuItem';
import Select from '@material-ui/core/Select';
import Typography from '@material-ui/core/Typography';
import { ReactNode } from 'react';
import { FacetOption } from './facetOptions';

/** A multi-select filter whose options show how many models have each value. */
export function FacetSelect(props: {
  id: string;
  label: string;
  options: FacetOption[];
  selected: string[];
  onChange: (values: string[]) => void;
  renderOption?: (option: FacetOption) => ReactNode;
}) {
  const { id, label, options, selected, onChange, renderOption } = props;
  const labelId = `${id}-label`;
  const labelOf = (value: string) =>
    options.find(o => o.value === value)?.label ?? value;
  return (
    <FormControl variant="outlined" size="small" fullWidth margin="dense">
      <InputLabel id={labelId}>{label}</InputLabel>
      <Select
        labelId={labelId}
        id={id}
        label={label}
        multiple
        value={selected}
        onChange={event => onChange(event.target.value as string[])}
        renderValue={value => (value as string[]).map(labelOf).join(', ')}
        MenuProps={{
          getContentAnchorEl: null,
          anchorOrigin: { vertical: 'bottom', horizontal: 'left' },
        }}
      >
        {options.length === 0 && (
          <MenuItem disabled value="">
            No values yet
          </MenuItem>
        )}
        {options.map(option => (
          <MenuItem key={option.value} value={option.value} dense>
            <Checkbox size="small" checked={selected.includes(option.value)} />
            <ListItemText
              primary={renderOption ? renderOption(option) : option.label}
            />
            <Typography
              variant="caption"
              color="textSecondary"
              aria-label={`${option.count} models`}
            >
              {option.count}
            </Typography>
          </MenuItem>
        ))}
      </Select>
    </FormControl>
  );
}
