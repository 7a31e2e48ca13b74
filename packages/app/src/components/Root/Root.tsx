import { PropsWithChildren } from 'react';
import HomeIcon from '@material-ui/icons/Home';
import CreateComponentIcon from '@material-ui/icons/AddCircleOutline';
import ModelsIcon from '@material-ui/icons/BubbleChart';
import ReviewsIcon from '@material-ui/icons/AssignmentTurnedIn';
import SlosIcon from '@material-ui/icons/Speed';
import ErrorIcon from '@material-ui/icons/ReportProblemOutlined';
import {
  Sidebar,
  SidebarDivider,
  SidebarGroup,
  SidebarItem,
  SidebarPage,
  SidebarScrollWrapper,
  SidebarSpace,
} from '@backstage/core-components';
import MenuIcon from '@material-ui/icons/Menu';
import {
  Settings as SidebarSettings,
  UserSettingsSignInAvatar,
} from '@backstage/plugin-user-settings';
import { MyGroupsSidebarItem } from '@backstage/plugin-org';
import GroupIcon from '@material-ui/icons/People';
import { Typography, makeStyles } from '@material-ui/core';

const useStyles = makeStyles({
  brand: {
    color: '#fff',
    fontWeight: 700,
    fontSize: 18,
    padding: '24px 0 16px 24px',
    whiteSpace: 'nowrap',
  },
});

const Brand = () => {
  const classes = useStyles();
  return <Typography className={classes.brand}>ModelOps Portal</Typography>;
};

export const Root = ({ children }: PropsWithChildren<{}>) => (
  <SidebarPage>
    <Sidebar>
      <Brand />
      <SidebarGroup label="Menu" icon={<MenuIcon />}>
        <SidebarItem icon={ModelsIcon} to="mlops/models" text="Models" />
        <SidebarItem icon={ReviewsIcon} to="mlops/reviews" text="Reviews" />
        <SidebarItem icon={SlosIcon} to="mlops/slos" text="SLOs" />
        <SidebarItem icon={HomeIcon} to="catalog" text="Catalog" />
        <MyGroupsSidebarItem
          singularTitle="My Team"
          pluralTitle="My Teams"
          icon={GroupIcon}
        />
        <SidebarItem icon={CreateComponentIcon} to="create" text="Create..." />
        <SidebarDivider />
        <SidebarScrollWrapper>
          <SidebarItem
            icon={ErrorIcon}
            to="catalog-unprocessed-entities"
            text="Failed entities"
          />
        </SidebarScrollWrapper>
      </SidebarGroup>
      <SidebarSpace />
      <SidebarDivider />
      <SidebarGroup
        label="Settings"
        icon={<UserSettingsSignInAvatar />}
        to="/settings"
      >
        <SidebarSettings />
      </SidebarGroup>
    </Sidebar>
    {children}
  </SidebarPage>
);
