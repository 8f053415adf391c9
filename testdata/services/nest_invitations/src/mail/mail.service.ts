import { Injectable } from '@nestjs/common';
import { MailerService } from '@nestjs-modules/mailer';

@Injectable()
export class MailService {
  constructor(private readonly mailer: MailerService) {}

  async sendInvitation(to: string, token: string): Promise<void> {
    await this.mailer.sendMail({
      to,
      subject: 'You are invited',
      template: 'invitation',
      context: { token },
    });
  }
}
