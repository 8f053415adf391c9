import { Column, CreateDateColumn, Entity, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { Role, User } from '../users/user.entity';

export type InvitationStatus = 'pending' | 'accepted';

@Entity()
export class Invitation {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column()
  email: string;

  @Column({ type: 'enum', enum: Role, default: Role.Member })
  role: Role;

  @Column({ default: 'pending' })
  status: InvitationStatus;

  // The secret sent in the invitation email.
  @Column()
  token: string;

  @Column({ type: 'timestamptz' })
  expiresAt: Date;

  @Column({ type: 'timestamptz', nullable: true })
  acceptedAt: Date | null;

  @ManyToOne(() => User, (user) => user.invitations)
  @JoinColumn({ name: 'invited_by_id' })
  invitedBy: User;

  @CreateDateColumn()
  createdAt: Date;
}
