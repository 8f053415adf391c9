package distill

import "testing"

// TestOptionalEmailCheck: a DTO field the request may leave out
// (@IsOptional() @IsEmail() backupEmail?: string, medusa's
// AdminResetPasswordRequest.email) is an address only when given:
// `not exists backup_email or is_valid_email(backup_email)`, where a
// required one is checked outright. Before, both were required outright.
func TestOptionalEmailCheck(t *testing.T) {
	out := distilText(t, New(Options{}), map[string]string{"src/dto.ts": `
import { IsEmail, IsOptional } from 'class-validator';
export class CreateUserDto {
  @IsEmail()
  public email: string;
  @IsOptional()
  @IsEmail()
  public backupEmail?: string;
}
`, "src/user.entity.ts": `
import { BaseEntity, Entity, PrimaryGeneratedColumn, Column } from 'typeorm';
@Entity()
export class UserEntity extends BaseEntity {
  @PrimaryGeneratedColumn() id: number;
  @Column() email: string;
  @Column({ nullable: true }) backupEmail: string;
}
`, "src/validation.ts": `
import { plainToInstance } from 'class-transformer';
import { validateOrReject } from 'class-validator';
export const ValidationMiddleware = (type: any) => {
  return (req, res, next) => {
    const dto = plainToInstance(type, req.body);
    validateOrReject(dto).then(() => { req.body = dto; next(); }).catch(errors => next(errors));
  };
};
`, "src/routes.ts": `
import { Router } from 'express';
import { CreateUserDto } from './dto';
import { UserEntity } from './user.entity';
import { ValidationMiddleware } from './validation';
const router = Router();
router.post('/users', ValidationMiddleware(CreateUserDto), async (req, res) => {
  await UserEntity.create({ ...req.body }).save();
  res.json({});
});
export default router;
`})
	wantConstruct(t, out, "Users",
		[]string{"requires: is_valid_email(email)", "requires: not exists backup_email or is_valid_email(backup_email)"},
		[]string{"requires: is_valid_email(backup_email)"})
}
