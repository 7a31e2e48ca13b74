import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Tooltip from '@material-ui/core/Tooltip';
import DashboardIcon from '@material-ui/icons/Dashboard';
import MenuBookIcon from '@material-ui/icons/MenuBook';
import ShowChartIcon from '@material-ui/icons/ShowChart';
import CodeIcon from '@material-ui/icons/Code';
import { ReactElement } from 'react';
import { ModelLink, ModelLinks } from './modelLinks';

function LinkButton(props: {
  link?: ModelLink;
  label: string;
  icon: ReactElement;
  type: string;
  prominent?: boolean;
}) {
  const { link, label, icon, type, prominent } = props;
  if (!link) {
    // Runbook and dashboard are always shown, so their absence is visible
    // and the tooltip says how to add them.
    if (!prominent) return null;
    return (
      <Tooltip
        title={`Add a metadata.links entry with type: ${type} to link the ${label.toLocaleLowerCase(
          'en-US',
        )}`}
      >
        <span>
          <Button variant="outlined" size="small" startIcon={icon} disabled>
            No {label.toLocaleLowerCase('en-US')}
          </Button>
        </span>
      </Tooltip>
    );
  }
  return (
    <Tooltip title={link.title}>
      <Button
        variant={prominent ? 'contained' : 'outlined'}
        color="primary"
        size="small"
        startIcon={icon}
        href={link.url}
        target="_blank"
        rel="noopener noreferrer"
      >
        {label}
      </Button>
    </Tooltip>
  );
}

/** The runbook and dashboard first, then experiment tracking and repository. */
export function ModelLinkButtons(props: { links: ModelLinks }) {
  const { links } = props;
  return (
    <Box display="flex" flexWrap="wrap" style={{ gap: 8 }}>
      <LinkButton
        link={links.runbook}
        label="Runbook"
        type="runbook"
        icon={<MenuBookIcon />}
        prominent
      />
      <LinkButton
        link={links.dashboard}
        label="Dashboard"
        type="dashboard"
        icon={<DashboardIcon />}
        prominent
      />
      <LinkButton
        link={links.experimentTracking}
        label="Experiments"
        type="experiment-tracking"
        icon={<ShowChartIcon />}
      />
      <LinkButton
        link={links.repository}
        label="Repository"
        type="repository"
        icon={<CodeIcon />}
      />
    </Box>
  );
}
