import { useState } from 'react';
import {
  Content,
  Header,
  InfoCard,
  Page,
  ProxiedSignInPage,
} from '@backstage/core-components';
import {
  ConfigApi,
  configApiRef,
  SignInPageProps,
  useApi,
} from '@backstage/core-plugin-api';
import {
  List,
  ListItem,
  ListItemAvatar,
  ListItemText,
  Avatar,
  Typography,
} from '@material-ui/core';

/** Remembered for the browser tab, so a reload keeps the chosen user. */
export const DEMO_USER_STORAGE_KEY = 'modelops-demo-user';

export interface DemoUser {
  name: string;
  title: string;
  description: string;
}

function readUsers(config: ConfigApi): DemoUser[] {
  return (config.getOptionalConfigArray('demo.signIn.users') ?? []).map(
    user => ({
      name: user.getString('name'),
      title: user.getString('title'),
      description: user.getString('description'),
    }),
  );
}

/**
 * The demo portal's sign-in page: pick which catalog user to be. The
 * backend's `demo` provider signs in as that user with the memberships the
 * catalog holds, so permissions and ownership behave as for a real person.
 */
export const DemoSignInPage = (props: SignInPageProps) => {
  const configApi = useApi(configApiRef);
  const users = readUsers(configApi);
  const [chosen, setChosen] = useState<string | null>(() =>
    window.sessionStorage.getItem(DEMO_USER_STORAGE_KEY),
  );

  if (chosen) {
    return (
      <ProxiedSignInPage
        {...props}
        provider="demo"
        headers={{ 'x-demo-user': chosen }}
        ErrorComponent={({ error }) => {
          window.sessionStorage.removeItem(DEMO_USER_STORAGE_KEY);
          return (
            <Typography color="error">
              Could not sign in as {chosen}: {error?.message}.{' '}
              <a href="/">Choose another user</a>
            </Typography>
          );
        }}
        onSignInSuccess={identityApi =>
          props.onSignInSuccess({
            ...identityApi,
            getProfileInfo: () => identityApi.getProfileInfo(),
            getBackstageIdentity: () => identityApi.getBackstageIdentity(),
            getCredentials: () => identityApi.getCredentials(),
            signOut: async () => {
              // Signing out returns to the chooser instead of straight back in.
              window.sessionStorage.removeItem(DEMO_USER_STORAGE_KEY);
              await identityApi.signOut();
            },
          })
        }
      />
    );
  }

  return (
    <Page themeId="home">
      <Header
        title="ModelOps Portal"
        subtitle="Demo of Northwind Commerce: choose who you are"
      />
      <Content>
        <InfoCard
          title="Sign in as"
          subheader="Each person sees the portal with their own teams and rights"
        >
          <List>
            {users.map(user => (
              <ListItem
                key={user.name}
                button
                aria-label={`Sign in as ${user.title}`}
                onClick={() => {
                  window.sessionStorage.setItem(
                    DEMO_USER_STORAGE_KEY,
                    user.name,
                  );
                  setChosen(user.name);
                }}
              >
                <ListItemAvatar>
                  <Avatar>{user.title.charAt(0)}</Avatar>
                </ListItemAvatar>
                <ListItemText
                  primary={user.title}
                  secondary={user.description}
                />
              </ListItem>
            ))}
          </List>
          {users.length === 0 && (
            <Typography>
              No demo users are configured (demo.signIn.users in app-config).
            </Typography>
          )}
        </InfoCard>
      </Content>
    </Page>
  );
};
