import { WarningPanel } from '@backstage/core-components';
import { useEntity } from '@backstage/plugin-catalog-react';
import List from '@material-ui/core/List';
import ListItem from '@material-ui/core/ListItem';
import ListItemText from '@material-ui/core/ListItemText';
import Typography from '@material-ui/core/Typography';
import { isMLModelEntity } from '@mlops-portal/plugin-mlops-common';
import {
  describeUnresolvedRefs,
  hasMLModelUnresolvedRefs,
} from '../../refs/modelRefs';

/**
 * Lists the references the catalog could not resolve (from the
 * `mlops-portal.io/unresolved-refs` annotation) and where the spec uses
 * them. Renders nothing when every reference resolves.
 */
export function MLModelUnresolvedRefsWarning() {
  const { entity } = useEntity();
  if (!isMLModelEntity(entity) || !hasMLModelUnresolvedRefs(entity)) {
    return null;
  }
  const unresolved = describeUnresolvedRefs(entity);
  if (unresolved.length === 0) return null;
  const count = unresolved.length;
  return (
    <WarningPanel
      severity="warning"
      title={
        count === 1
          ? 'This model refers to an entity that is not in the catalog'
          : `This model refers to ${count} entities that are not in the catalog`
      }
      defaultExpanded
    >
      <Typography variant="body2">
        Create the missing entities, or fix the references in this model's{' '}
        <code>catalog-info.yaml</code>. Until then the relations, lineage and
        ownership shown for this model are incomplete.
      </Typography>
      <List dense>
        {unresolved.map(({ ref, paths }) => (
          <ListItem key={ref} disableGutters>
            <ListItemText
              primary={<code>{ref}</code>}
              secondary={
                paths.length > 0
                  ? `referenced at ${paths.join(', ')}`
                  : 'referenced by this model'
              }
            />
          </ListItem>
        ))}
      </List>
    </WarningPanel>
  );
}
