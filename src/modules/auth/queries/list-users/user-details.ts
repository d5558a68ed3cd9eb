import type { UserRole } from '../../../../common/contracts/users.js';
import type { UserEntity } from '../../persistence/user.entity.js';

/** A user as admins see them. */
export interface UserDetails {
  id: string;
  username: string;
  role: UserRole;
  disabled: boolean;
  createdAt: string;
}

export const toUserDetails = (u: UserEntity): UserDetails => ({
  id: u.id,
  username: u.username,
  role: u.role,
  disabled: u.disabled,
  createdAt: u.createdAt.toISOString(),
});
