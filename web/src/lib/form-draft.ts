'use client';

import { type FormEvent, useState } from 'react';

/** A problem a form finds in its values before sending anything: which field, and what to do. */
export interface FormProblem<F extends string = string> {
  field: F;
  message: string;
}

/**
 * A form's values and the problems found in them. Any change of a value clears the problems (they
 * stand until the user acts on them). `invalid(field)`
 * is for `aria-invalid`; `text(field, id)` gives a text control its id, value, `aria-invalid` and
 * `onChange`. `submitWith(build, send)` is the form's submit handler: it checks the values with
 * `build`; with problems it lists them and sends nothing, else it `send`s the input. A failed send is
 * shown by the form (the mutation's error); `onError` may react to it as well. `open` / `toggle`:
 * whether the form is shown (most forms open from a DisclosureButton).
 */
export function useFormDraft<S extends object, F extends string = string>(initial: S | (() => S)) {
  const [state, setValues] = useState<S>(initial);
  const [problems, setProblems] = useState<FormProblem<F>[]>([]);
  const [open, setOpen] = useState(false);
  const setState = (next: S | ((current: S) => S)) => {
    setValues(next);
    setProblems([]);
  };
  const invalid = (field: F) => problems.some((p) => p.field === field) || undefined;
  const text = <K extends keyof S & string>(field: K & F, id: string) => ({
    id,
    value: String(state[field] ?? ''),
    'aria-invalid': invalid(field),
    onChange: (e: { target: { value: string } }) => setState({ ...state, [field]: e.target.value }),
  });
  const submitWith =
    <I>(build: (values: S) => { input: I | null; problems: FormProblem<F>[] }, send: (input: I) => Promise<unknown>, onError?: () => void) =>
    async (event: FormEvent) => {
      event.preventDefault();
      const built = build(state);
      setProblems(built.problems);
      if (!built.input) return;
      try {
        await send(built.input);
      } catch {
        onError?.();
      }
    };
  /** Opens or closes the form; the problems it listed go either way. */
  const toggle = () => {
    setOpen((o) => !o);
    setProblems([]);
  };
  return { state, setState, problems, invalid, text, submitWith, open, setOpen, toggle };
}
