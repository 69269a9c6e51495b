import { createContext, useContext } from "react";

/**
 * True while a page is rendered to static HTML at build time. The static page's submit buttons
 * are disabled: until a script runs there is nothing to submit to (a native submission would
 * send the form to the static server), and a disabled default button also stops Enter from
 * submitting. The entry script enables them and keeps a submit for the app to send
 * (src/app/static-page-controls.ts).
 */
export const StaticRenderContext = createContext(false);

export const useStaticRender = () => useContext(StaticRenderContext);
