'use client';

import { type ChangeEvent, useState } from 'react';

/**
 * A small form's values and the API's rule for each field. A rule shows once the user has typed in that field
 * (or tried to submit), never on fields they have not touched.
 */
export function useFormFields<F extends string>(
  initial: Record<F, string>,
  problemOf: (field: F, value: string) => string | null,
  onEdit?: () => void,
) {
  const [values, setValues] = useState(initial);
  const [touched, setTouched] = useState<ReadonlySet<F>>(new Set());
  const fields = Object.keys(initial) as F[];

  const bind = (field: F) => ({
    name: field,
    value: values[field],
    problem: touched.has(field) ? problemOf(field, values[field]) : null,
    onChange: (event: ChangeEvent<HTMLInputElement>) => {
      const value = event.target.value;
      setValues((v) => ({ ...v, [field]: value }));
      setTouched((t) => (t.has(field) ? t : new Set(t).add(field)));
      onEdit?.();
    },
  });

  /** Shows every rule; true when all of them pass. */
  const check = (): boolean => {
    setTouched(new Set(fields));
    return fields.every((field) => !problemOf(field, values[field]));
  };

  const reset = (next: Record<F, string>) => {
    setValues(next);
    setTouched(new Set());
  };

  return { values, bind, check, reset };
}
