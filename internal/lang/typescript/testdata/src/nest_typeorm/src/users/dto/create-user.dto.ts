import { IsEmail, IsIn, IsOptional, IsString, MaxLength, MinLength } from 'class-validator';
import type { Role } from '../user.entity';

export class CreateUserDto {
  @IsEmail()
  readonly email: string;

  @IsString()
  @MinLength(12)
  @MaxLength(128)
  readonly password: string;

  @IsOptional()
  @IsIn(['member', 'owner'])
  readonly role?: Role;
}

export interface InviteUserDto {
  email: string;
  organizationId: string;
  note?: string;
}
