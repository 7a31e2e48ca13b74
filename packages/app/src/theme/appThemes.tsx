import { AppTheme } from '@backstage/core-plugin-api';
import { UnifiedThemeProvider, themes } from '@backstage/theme';
import CssBaseline from '@material-ui/core/CssBaseline';
import DarkIcon from '@material-ui/icons/Brightness2';
import LightIcon from '@material-ui/icons/WbSunny';

/**
 * Backstage's light and dark themes, each with Material UI's CSS baseline.
 * The theme provider no longer adds the baseline itself; without it the
 * body keeps the browser's margin and boxes size without their padding, so
 * every page came out wider than the window (the sidebar's padding added to
 * a full-width main area).
 */
export const appThemes: AppTheme[] = [
  {
    id: 'light',
    title: 'Light',
    variant: 'light',
    icon: <LightIcon />,
    Provider: ({ children }) => (
      <UnifiedThemeProvider theme={themes.light}>
        <CssBaseline />
        {children}
      </UnifiedThemeProvider>
    ),
  },
  {
    id: 'dark',
    title: 'Dark',
    variant: 'dark',
    icon: <DarkIcon />,
    Provider: ({ children }) => (
      <UnifiedThemeProvider theme={themes.dark}>
        <CssBaseline />
        {children}
      </UnifiedThemeProvider>
    ),
  },
];
