// A form whose code (react-hook-form, its resolvers, the form component) downloads on the first
// interaction instead of with the page. Until then the page shows the very same markup as plain
// inputs; when the code is in, the real form replaces it before the browser paints, with what was
// typed, the focus and the cursor carried over, and a submit asked for in the meantime sent once.
import {
  type ComponentType,
  type FocusEvent,
  type FormEvent,
  type ReactNode,
  type Ref,
  useEffect,
  useLayoutEffect,
  useRef,
  useState,
} from "react";
import { flushSync } from "react-dom";
import { isNewBuildError, recoverFromNewBuild, reloadForNewBuild } from "./new-build.ts";
import { pressGate } from "./press.ts";
import { captureTypedState, restoreTypedState, type TypedState } from "./typed-state.ts";

export interface DeferredModule<P> {
  /** Downloads the form's code; the same promise while it runs, a new try after a failure. */
  load(): Promise<ComponentType<P>>;
  /** The form, once downloaded: later visits render it at once. */
  readonly loaded: ComponentType<P> | undefined;
}

export function deferredForm<P>(importer: () => Promise<ComponentType<P>>): DeferredModule<P> {
  let loading: Promise<ComponentType<P>> | undefined;
  let loaded: ComponentType<P> | undefined;
  return {
    load() {
      // A new build replaced this one under the page: reload for it (./new-build.ts).
      loading ??= importer()
        .catch(recoverFromNewBuild)
        .then(
          (component) => {
            loaded = component;
            return component;
          },
          (error: unknown) => {
            loading = undefined;
            throw error;
          },
        );
      return loading;
    },
    get loaded() {
      return loaded;
    },
  };
}

/** What the stand-in spreads on its <form>. */
interface StandInFormProps {
  ref: Ref<HTMLFormElement>;
  onFocus: (event: FocusEvent) => void;
  onPointerDown: () => void;
  onKeyDown: () => void;
  /** Text that arrives without a key: a password manager's fill, a paste from a menu. */
  onInput: () => void;
  onSubmit: (event: FormEvent) => void;
}

export interface StandInProps {
  form: StandInFormProps;
  /** A submit is waiting for the form's code: the submit button shows it as sent. */
  submitting: boolean;
  /** Goes where the form's own alert goes: says when the code failed to download. */
  alert: ReactNode;
}

let quietFocus = false;

/** Focus that the page moves itself (a field to start in) is not someone using the form. */
export function focusWithoutLoading(element: HTMLElement | null | undefined) {
  quietFocus = true;
  try {
    element?.focus();
  } finally {
    quietFocus = false;
  }
}

interface DeferredFormProps<P> {
  form: DeferredModule<P>;
  /** The form's props, once it is in. */
  props: P;
  /** The same form as plain inputs, built from the same field components. */
  standIn: (props: StandInProps) => ReactNode;
}

interface Handover {
  scope: HTMLElement;
  typed: TypedState;
  submit: boolean;
  /** The position of the form among the scope's forms, to submit the one that replaced it. */
  formIndex: number;
}

export function DeferredForm<P extends object>({ form, props, standIn }: DeferredFormProps<P>) {
  const [Loaded, setLoaded] = useState(() => form.loaded);
  /** Why the code did not arrive: the connection, or a new build deployed meanwhile. */
  const [failed, setFailed] = useState<"network" | "new-build" | null>(null);
  const [submitting, setSubmitting] = useState(false);
  const standInForm = useRef<HTMLFormElement | null>(null);
  const loading = useRef(false);
  const submitAsked = useRef(false);
  const handover = useRef<Handover | null>(null);
  const mounted = useRef(true);

  useEffect(() => {
    mounted.current = true;
    return () => {
      mounted.current = false;
    };
  }, []);

  // Right after the real form's first commit, before paint.
  useLayoutEffect(() => {
    const pending = handover.current;
    if (!Loaded || !pending) return;
    handover.current = null;
    restoreTypedState(pending.scope, pending.typed);
    // Again once the values' own re-render is done (a controlled input puts the cursor at the
    // end when React writes its value), still before paint; then the submit asked for, with
    // what the form now shows.
    queueMicrotask(() => {
      restoreTypedState(pending.scope, pending.typed);
      if (pending.submit)
        pending.scope.querySelectorAll("form").item(pending.formIndex)?.requestSubmit();
    });
  }, [Loaded]);

  // A button or link pressed but not yet released: swapped then, the press would be lost
  // (./press.ts), so the swap waits for the release and the click it makes.
  const [presses] = useState(pressGate);

  const start = () => {
    // After a new build, the old code never comes: the alert's Reload is the way on.
    if (loading.current || failed === "new-build") return;
    loading.current = true;
    setFailed(null);
    form.load().then(
      (Component) => {
        loading.current = false;
        const swap = () => {
          const element = standInForm.current;
          const scope = element?.parentElement;
          if (!mounted.current || !element || !scope) return;
          handover.current = {
            scope,
            typed: captureTypedState(scope),
            submit: submitAsked.current,
            formIndex: [...scope.querySelectorAll("form")].indexOf(element),
          };
          // At once, so nothing typed can fall between reading the stand-in and the swap.
          flushSync(() => setLoaded(() => Component));
        };
        presses.unlessPressed(swap);
      },
      (error: unknown) => {
        loading.current = false;
        submitAsked.current = false;
        if (!mounted.current) return;
        setFailed(isNewBuildError(error) ? "new-build" : "network");
        setSubmitting(false);
      },
    );
  };

  if (Loaded) return <Loaded {...props} />;

  return standIn({
    form: {
      ref: standInForm,
      onFocus: () => {
        if (!quietFocus) start();
      },
      onPointerDown: () => {
        presses.press();
        start();
      },
      onKeyDown: () => {
        presses.press();
        start();
      },
      onInput: start,
      onSubmit: (event) => {
        // Sent by the real form once it is in; pressing again meanwhile asks for the same one.
        event.preventDefault();
        submitAsked.current = true;
        setSubmitting(true);
        start();
      },
    },
    submitting,
    alert:
      failed === "new-build" ? (
        <NewBuildAlert />
      ) : failed === "network" ? (
        <div className="alert error" role="alert">
          <p>
            This form didn't finish loading. Check your connection; it tries again as soon as you
            type, click or press Enter in it.
          </p>
        </div>
      ) : null,
  });
}

/** A new build replaced the one this page came from, and the page could not reload by itself. */
function NewBuildAlert() {
  return (
    <div className="alert error" role="alert">
      <p>A new version of this site was deployed. Reload the page to continue.</p>
      <p>
        <button
          type="button"
          className="button secondary"
          onClick={() => reloadForNewBuild(document, true)}
        >
          Reload page
        </button>
      </p>
    </div>
  );
}
