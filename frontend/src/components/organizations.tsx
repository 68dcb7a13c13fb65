// The organization picker an administrator uses; others see their own only.
// When the API lists no organizations, the picker takes an id as text.
import { useState } from 'preact/hooks';

import { useQuery } from '../api/hooks';
import { ORGANIZATIONS } from '../api/queries';
import type { Named } from '../api/types';

export function OrganizationPicker({
  value,
  onChange,
  allowAll = false,
}: {
  value: string;
  onChange: (organizationId: string | null) => void;
  allowAll?: boolean;
}) {
  const { state } = useQuery<{ organizations: Named[] }>(ORGANIZATIONS, {});
  const [typed, setTyped] = useState(value);
  const organizations = state.data?.organizations ?? [];

  if (state.status === 'error') {
    return (
      <div class="field">
        <label for="filter-org">Organization id</label>
        <input
          id="filter-org"
          type="text"
          value={typed}
          placeholder={allowAll ? 'All, or e.g. org-1' : 'e.g. org-1'}
          onInput={(event) => setTyped((event.target as HTMLInputElement).value)}
          onChange={() => onChange(typed.trim() || null)}
        />
      </div>
    );
  }
  return (
    <div class="field">
      <label for="filter-org">Organization</label>
      <select
        id="filter-org"
        value={value}
        disabled={state.status === 'loading' && !organizations.length}
        onChange={(event) => onChange((event.target as HTMLSelectElement).value || null)}
      >
        {allowAll ? <option value="">All</option> : <option value="">Choose…</option>}
        {organizations.map((organization) => (
          <option key={organization.id} value={organization.id}>
            {organization.name}
          </option>
        ))}
        {value && !organizations.some((o) => o.id === value) && <option value={value}>{value}</option>}
      </select>
    </div>
  );
}
