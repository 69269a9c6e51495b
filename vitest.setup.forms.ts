// For the page tests of the "dom" project (vite.config.ts): a page waits for its form's code, as
// it waits for a lazy page, instead of showing the form's stand-in (DeferredForm). Testing
// Library types into the element it was given, so typing that starts in a stand-in would go on
// into its detached inputs after the swap; a browser types wherever the focus is. The stand-ins
// themselves, the swap and typing across it are tested with the real DeferredForm in the
// "dom-isolated" project (DeferredForm.test.tsx, *.stand-in.test.tsx).
import { type ComponentType, createElement, type LazyExoticComponent, lazy } from "react";
import { vi } from "vitest";
import type * as Deferred from "./src/components/DeferredForm.tsx";

vi.mock(import("./src/components/DeferredForm.tsx"), async (importOriginal) => {
  const actual = await importOriginal();
  const waiting = new WeakMap<object, LazyExoticComponent<ComponentType<object>>>();
  function DeferredForm<P extends object>({
    form,
    props,
  }: Parameters<typeof Deferred.DeferredForm<P>>[0]) {
    let Form = waiting.get(form) as LazyExoticComponent<ComponentType<P>> | undefined;
    if (!Form) {
      Form = lazy(async () => ({ default: await form.load() }));
      waiting.set(form, Form as LazyExoticComponent<ComponentType<object>>);
    }
    return createElement(Form, props);
  }
  return { ...actual, DeferredForm };
});
