import { humanizeEntityRef } from '@backstage/plugin-catalog-react';
import { parseEntityRef } from '@backstage/catalog-model';
import Box from '@material-ui/core/Box';
import Chip from '@material-ui/core/Chip';
import Typography from '@material-ui/core/Typography';
import { amber } from '@material-ui/core/colors';
import SecurityIcon from '@material-ui/icons/Security';
import { ReviewOverview } from '../../api/types';

function groupName(ref: string) {
  try {
    return humanizeEntityRef(parseEntityRef(ref, { defaultKind: 'group' }), {
      defaultKind: 'group',
    });
  } catch {
    return ref;
  }
}

/** "Approvals 1 of 2" with a warning chip while the security approval is missing. */
export function ApprovalCount(props: {
  approvals: ReviewOverview['approvals'];
  /** Leave out the word "Approvals" (e.g. under a column of that name). */
  hideLabel?: boolean;
}) {
  const { count, required, securityGroup, missingSecurityApproval } =
    props.approvals;
  return (
    <Box
      display="flex"
      alignItems="center"
      flexWrap="wrap"
      style={{ gap: 8 }}
      data-testid="approval-count"
    >
      <Typography variant="body2">
        {props.hideLabel ? '' : 'Approvals '}
        <strong>
          {count} of {required}
        </strong>
      </Typography>
      {securityGroup && missingSecurityApproval && (
        <Chip
          size="small"
          variant="outlined"
          icon={<SecurityIcon style={{ color: amber[900] }} />}
          label="Security approval missing"
          title={`One approval must come from a member of ${groupName(
            securityGroup,
          )}`}
          style={{ borderColor: amber[900], color: amber[900] }}
        />
      )}
      {securityGroup && !missingSecurityApproval && (
        <Chip
          size="small"
          variant="outlined"
          icon={<SecurityIcon />}
          label="Security approval in"
          title={`Approved by a member of ${groupName(securityGroup)}`}
        />
      )}
    </Box>
  );
}
