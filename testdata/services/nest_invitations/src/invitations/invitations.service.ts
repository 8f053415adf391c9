import { BadRequestException, ForbiddenException, Injectable, NotFoundException } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import * as bcrypt from 'bcrypt';
import { randomBytes } from 'crypto';
import { Repository } from 'typeorm';
import { MailService } from '../mail/mail.service';
import { Role, User } from '../users/user.entity';
import { AcceptInvitationDto } from './dto/accept-invitation.dto';
import { CreateInvitationDto } from './dto/create-invitation.dto';
import { Invitation } from './invitation.entity';

const INVITATION_TTL_HOURS = Number(process.env.INVITATION_TTL_HOURS || 72);

@Injectable()
export class InvitationsService {
  constructor(
    @InjectRepository(Invitation) private readonly invitations: Repository<Invitation>,
    @InjectRepository(User) private readonly users: Repository<User>,
    private readonly mail: MailService,
  ) {}

  async invite(inviter: User, dto: CreateInvitationDto) {
    if (inviter.role !== Role.Admin) {
      throw new ForbiddenException('only administrators invite');
    }
    const existing = await this.users.findOne({ where: { email: dto.email } });
    if (existing) {
      throw new BadRequestException('already a user');
    }
    const invitation = this.invitations.create({
      email: dto.email,
      role: dto.role,
      token: randomBytes(32).toString('hex'),
      expiresAt: new Date(Date.now() + INVITATION_TTL_HOURS * 60 * 60 * 1000),
      invitedBy: inviter,
    });
    await this.invitations.save(invitation);
    await this.mail.sendInvitation(invitation.email, invitation.token);
    return { id: invitation.id };
  }

  async accept(dto: AcceptInvitationDto) {
    const invitation = await this.invitations.findOne({ where: { token: dto.token, status: 'pending' } });
    if (!invitation) {
      throw new NotFoundException('no such invitation');
    }
    if (invitation.expiresAt < new Date()) {
      throw new BadRequestException('invitation expired');
    }
    const user = this.users.create({
      email: invitation.email,
      passwordHash: await bcrypt.hash(dto.password, 12),
      role: invitation.role,
    });
    await this.users.save(user);
    await this.invitations.update(invitation.id, { status: 'accepted', acceptedAt: new Date() });
    return { id: user.id };
  }

  async revoke(user: User, id: string) {
    const invitation = await this.invitations.findOne({ where: { id }, relations: ['invitedBy'] });
    if (!invitation) {
      throw new NotFoundException();
    }
    if (invitation.invitedBy.id !== user.id && user.role !== Role.Admin) {
      throw new ForbiddenException();
    }
    if (invitation.status !== 'pending') {
      throw new BadRequestException('invitation already accepted');
    }
    await this.invitations.delete(invitation.id);
  }
}
