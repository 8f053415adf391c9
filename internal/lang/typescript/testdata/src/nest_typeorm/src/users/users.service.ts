import { ConflictException, Injectable, NotFoundException } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import * as bcrypt from 'bcrypt';
import { MailService } from '../mail/mail.service';
import { CreateUserDto } from './dto/create-user.dto';
import { User, UserStatus } from './user.entity';

const BCRYPT_ROUNDS = 12;

@Injectable()
export class UsersService {
  constructor(
    @InjectRepository(User) private readonly users: Repository<User>,
    private readonly mail: MailService,
  ) {}

  async create({ email, password, role = 'member' }: CreateUserDto): Promise<User> {
    const existing = await this.users.findOne({ where: { email } });
    if (existing) {
      throw new ConflictException('Email already registered');
    }
    const user = this.users.create({
      email,
      passwordHash: await bcrypt.hash(password, BCRYPT_ROUNDS),
      role,
      status: UserStatus.Invited,
    });
    await this.users.save(user);
    await this.mail.send({ to: email, template: 'welcome', context: { role } });
    return user;
  }

  async lock(id: string): Promise<void> {
    const user = await this.users.findOneBy({ id });
    if (!user) throw new NotFoundException();
    switch (user.status) {
      case UserStatus.Locked:
        return;
      case UserStatus.Invited:
      case UserStatus.Active:
        user.status = UserStatus.Locked;
        break;
      default:
        throw new Error(`unknown status ${user.status}`);
    }
    await this.users.save(user);
  }

  remove = async (id: string) => {
    await this.users.delete({ id });
  };
}
