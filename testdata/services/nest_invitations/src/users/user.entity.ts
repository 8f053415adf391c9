import { Column, CreateDateColumn, Entity, OneToMany, PrimaryGeneratedColumn } from 'typeorm';
import { Invitation } from '../invitations/invitation.entity';

export enum Role {
  Member = 'member',
  Admin = 'admin',
}

@Entity()
export class User {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ unique: true })
  email: string;

  @Column()
  passwordHash: string;

  @Column({ type: 'enum', enum: Role, default: Role.Member })
  role: Role;

  @CreateDateColumn()
  createdAt: Date;

  @OneToMany(() => Invitation, (invitation) => invitation.invitedBy)
  invitations: Invitation[];
}
