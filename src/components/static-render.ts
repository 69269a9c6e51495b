import { createContext, useContext } from "react";

/**
 * True while a page is rendered to static HTML at build time. The static page's submit buttons
 * are disabled: until the app takes over there is nothing to submit to (a native submission would
 * send the form to the static server), and a disabled default button also stops Enter from
 * submitting.
 */
export const StaticRenderContext = createContext(false);

export const useStaticRender = () => useContext(StaticRenderContext);
