'use client';

import { useRouter } from 'next/navigation';
import { signIn } from 'next-auth/react';
import { type ChangeEvent, useState } from 'react';
import { Field, type FieldProps } from '../../ui/field';

/**
 * The values of a form whose fields follow the API's account rules (`problemOf`, the module the server checks
 * with): a rule shows once the user has typed in its field, or tried to submit, not on an untouched form.
 */
export function useRuleFields<Name extends string>(
  empty: Record<Name, string>,
  problemOf: (field: Name, value: string) => string | null,
) {
  const [values, setValues] = useState(empty);
  const [touched, setTouched] = useState<Set<Name>>(new Set());
  const bind = (field: Name) => ({
    name: field,
    value: values[field],
    problem: touched.has(field) ? problemOf(field, values[field]) : null,
    onChange: (event: ChangeEvent<HTMLInputElement>) => {
      setValues((v) => ({ ...v, [field]: event.target.value }));
      setTouched((t) => (t.has(field) ? t : new Set(t).add(field)));
    },
  });
  /** On submit: every field shows its rule; true when all of them hold. */
  const checkAll = (): boolean => {
    const fields = Object.keys(empty) as Name[];
    setTouched(new Set(fields));
    return fields.every((field) => !problemOf(field, values[field]));
  };
  return { values, bind, checkAll };
}

type BoundField = Omit<FieldProps, 'label'>;

export function UsernameField(props: BoundField) {
  return (
    <Field
      label="Username"
      autoComplete="username"
      required
      hint="Starts with a letter; letters, digits, '.' and '_'"
      {...props}
    />
  );
}

export function NewPasswordField(props: BoundField) {
  return (
    <Field
      label="Password"
      type="password"
      autoComplete="new-password"
      required
      hint="8+ characters with upper and lower case, a digit and a symbol"
      {...props}
    />
  );
}

/** After an account is made (or its password chosen): sign in with it and enter the app, or go to sign-in. */
export function useSignInAndEnter(): (identifier: string, password: string) => Promise<void> {
  const router = useRouter();
  return async (identifier, password) => {
    const result = await signIn('credentials', { redirect: false, identifier, password });
    if (result?.ok) {
      router.replace('/');
      router.refresh();
    } else {
      // The account exists; only the automatic sign-in failed.
      router.replace('/sign-in');
    }
  };
}
