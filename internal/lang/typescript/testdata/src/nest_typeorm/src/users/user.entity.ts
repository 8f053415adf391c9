import {
  Column,
  CreateDateColumn,
  Entity,
  ManyToOne,
  OneToMany,
  PrimaryGeneratedColumn,
} from 'typeorm';
import { Organization } from '../organizations/organization.entity';
import { Session } from './session.entity';

export enum UserStatus {
  Active = 'active',
  Locked = 'locked',
  Invited = 'invited',
}

export type Role = 'member' | 'owner';

@Entity({ name: 'users' })
export class User {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ unique: true })
  email: string;

  @Column({ select: false })
  passwordHash: string;

  @Column({ type: 'enum', enum: UserStatus, default: UserStatus.Invited })
  status: UserStatus;

  @Column({ type: 'varchar', default: 'member' })
  role: Role;

  @Column({ nullable: true })
  lastLoginAt?: Date | null;

  @ManyToOne(() => Organization, (org) => org.users, { onDelete: 'CASCADE' })
  organization: Organization;

  @OneToMany(() => Session, (session) => session.user)
  sessions: Session[];

  @CreateDateColumn()
  createdAt: Date;

  get isActive(): boolean {
    return this.status === UserStatus.Active;
  }
}
