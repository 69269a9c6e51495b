/**
 * Leaving the app for a server route (the provider's callback). Behind an object so component
 * tests can watch it: jsdom can't navigate, and `window.location` can't be replaced.
 */
export const fullPageNavigation = {
  assign(url: string) {
    window.location.assign(url);
  },
};
