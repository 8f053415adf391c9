import { Body, Controller, Delete, Param, Post, Req, UseGuards } from '@nestjs/common';
import { AuthGuard } from '@nestjs/passport';
import { AcceptInvitationDto } from './dto/accept-invitation.dto';
import { CreateInvitationDto } from './dto/create-invitation.dto';
import { InvitationsService } from './invitations.service';

@Controller('invitations')
export class InvitationsController {
  constructor(private readonly invitations: InvitationsService) {}

  @Post()
  @UseGuards(AuthGuard('jwt'))
  invite(@Req() req, @Body() dto: CreateInvitationDto) {
    return this.invitations.invite(req.user, dto);
  }

  @Post('accept')
  accept(@Body() dto: AcceptInvitationDto) {
    return this.invitations.accept(dto);
  }

  @Delete(':id')
  @UseGuards(AuthGuard('jwt'))
  revoke(@Req() req, @Param('id') id: string) {
    return this.invitations.revoke(req.user, id);
  }
}
