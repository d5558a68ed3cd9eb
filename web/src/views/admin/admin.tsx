import { AdminChargers } from './chargers.js';
import { AdminIdTags } from './id-tags.js';
import { AdminUsers } from './users.js';

const SCREENS = [
  { path: 'users', label: 'Users' },
  { path: 'chargers', label: 'Chargers' },
  { path: 'id-tags', label: 'Id tags' },
] as const;

/**
 * The admin screens (`#/admin/users`, `#/admin/chargers`, `#/admin/id-tags`), for admins only:
 * the API refuses the others anyway (403), the page does not even ask.
 */
export function Admin({ token, screen }: { token: string; screen: string }) {
  const current = SCREENS.find((s) => s.path === screen) ?? SCREENS[0];
  return (
    <>
      <nav aria-label="Admin" class="tabs">
        <ul>
          {SCREENS.map((s) => (
            <li key={s.path}>
              <a href={`#/admin/${s.path}`} aria-current={s === current ? 'page' : undefined}>
                {s.label}
              </a>
            </li>
          ))}
        </ul>
      </nav>
      {current.path === 'users' && <AdminUsers token={token} />}
      {current.path === 'chargers' && <AdminChargers token={token} />}
      {current.path === 'id-tags' && <AdminIdTags token={token} />}
    </>
  );
}
