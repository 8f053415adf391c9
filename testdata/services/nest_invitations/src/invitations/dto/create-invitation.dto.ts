import { IsEmail, IsEnum } from 'class-validator';
import { Role } from '../../users/user.entity';

export class CreateInvitationDto {
  @IsEmail()
  email: string;

  @IsEnum(Role)
  role: Role;
}
