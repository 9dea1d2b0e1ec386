import { Check, Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

export type Role = 'TRAINEE' | 'SUPERVISOR' | 'HR' | 'ADMIN';

@Entity({ name: 'users' })
@Check('users_role_check', `"role" IN ('TRAINEE','SUPERVISOR','HR','ADMIN')`)
// Email is unique whatever its case: "Ana@x.com" and "ana@x.com" are one person.
@Index('users_email_lower_unique', { synchronize: false })
export class User {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'text' })
  email: string;

  @Column({ type: 'text' })
  name: string;

  @Column({ type: 'text' })
  role: Role;

  @Column({ name: 'employee_id', type: 'text', nullable: true })
  employeeId: string | null;

  @Column({ name: 'password_hash', type: 'text' })
  passwordHash: string;

  @Column({ type: 'boolean', default: true })
  active: boolean;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
