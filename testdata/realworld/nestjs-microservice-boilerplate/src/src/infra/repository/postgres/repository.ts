/**
 * @see https://github.com/mikemajesty/nestjs-microservice-boilerplate-api/blob/master/guides/infra/repository.md
 */
import {
  BaseEntity,
  EntityManager,
  FindManyOptions,
  FindOneOptions,
  FindOptionsOrder,
  FindOptionsSelect,
  FindOptionsWhere,
  In,
  IsNull,
  Not,
  Raw,
  Repository,
  SaveOptions
} from 'typeorm'

import { IEntity } from '@/utils/entity'
import { ApiInternalServerException } from '@/utils/exception'
import { PaginationInput, PaginationOutput, PaginationUtils } from '@/utils/pagination'

import { IRepository } from '../adapter'
import {
  CreatedModel,
  CreatedOrUpdateModel,
  DatabaseOperationCommand,
  JoinType,
  RemovedModel,
  UpdatedModel
} from '../types'
import { createRelations, handleDatabaseError } from '../util'

export class TypeORMRepository<T extends BaseEntity & IEntity = BaseEntity & IEntity> implements IRepository<T> {
  private readonly context: string = TypeORMRepository.name

  constructor(readonly repository: Repository<T>) {}

  async runInTransaction<R>(fn: (manager: EntityManager) => Promise<R>): Promise<R> {
    const queryRunner = this.repository.manager.connection.createQueryRunner()
    await queryRunner.connect()
    await queryRunner.startTransaction()
    try {
      const result = await fn(queryRunner.manager)
      await queryRunner.commitTransaction()
      return result
    } catch (err) {
      await queryRunner.rollbackTransaction()
      throw handleDatabaseError({ error: err, context: `${this.context}/runInTransaction` })
    } finally {
      await queryRunner.release()
    }
  }

  async applyPagination<R>(input: PaginationInput<R>): Promise<PaginationOutput<T>> {
    const skip = PaginationUtils.calculateSkip(input)

    const [docs, total] = await this.repository.findAndCount({
      take: input.limit,
      skip,
      order: input.sort as FindOptionsOrder<T>,
      where: input.search as FindOptionsWhere<T>
    })

    return { docs, total, page: input.page, limit: input.limit }
  }

  async findOr(propertyList: (keyof T)[], value: string): Promise<T[]> {
    const filter = propertyList.map((property) => {
      return { [property]: value }
    })

    Object.assign(filter, { deletedAt: null })
    return this.repository.find({ where: filter as FindOptionsWhere<T>[] | FindOptionsWhere<T> })
  }

  async create<TOptions = SaveOptions>(document: T, saveOptions?: TOptions): Promise<CreatedModel> {
    try {
      const entity = this.repository.create(document)
      const model = await entity.save(saveOptions as SaveOptions)
      return { created: model.hasId(), id: model.id }
    } catch (error) {
      throw handleDatabaseError({ error, context: `${this.context}/create` })
    }
  }

  async findById(id: string): Promise<T | null> {
    return this.repository.findOne({ where: { id } } as FindOneOptions<T>)
  }

  async insertMany(document: T[]): Promise<void> {
    await this.repository.insert(document as object[])
  }

  async createOrUpdate<TUpdate = Partial<T>>(updated: TUpdate): Promise<CreatedOrUpdateModel> {
    try {
      const documentEntity: IEntity = updated as IEntity
      if (!documentEntity?.id) {
        throw new ApiInternalServerException('id is required', { context: `${TypeORMRepository.name}.createOrUpdate` })
      }

      const exists = await this.findById(documentEntity.id)

      if (!exists) {
        const created = await this.create(updated as unknown as T)

        return { id: created.id, created: true, updated: false }
      }

      const row = await this.repository.update(
        { id: exists['id'] } as FindOptionsWhere<T>,
        { ...exists, ...updated } as object
      )

      return { id: exists['id'], created: false, updated: (row.affected || 0) > 0 }
    } catch (error) {
      throw handleDatabaseError({ error, context: `${this.context}/createOrUpdate` })
    }
  }

  async findAll(): Promise<T[]> {
    return this.repository.find()
  }

  async find<TQuery = Partial<T>>(filter: TQuery): Promise<T[]> {
    return this.repository.find({
      where: { ...filter, deletedAt: null }
    } as FindOneOptions<T>)
  }

  async findIn(filter: { [key in keyof Partial<T>]: string[] }): Promise<T[]> {
    const where: { [key: string]: unknown } = {
      deletedAt: IsNull()
    }

    for (const key of Object.keys(filter)) {
      where[key] = In((filter as { [key: string]: string[] })[key])
    }

    return this.repository.find({
      where
    } as FindOneOptions<T>)
  }

  async findOneByCommands(filterList: DatabaseOperationCommand<T>[]): Promise<T | null> {
    const searchList: { [key: string]: unknown } = {}

    const postgresSearch = {
      equal: {
        query: (value: unknown[]) =>
          Raw((alias) => `${alias} ILIKE ANY ('{${value.map((v) => `${`${v}`}`).join(', ')}}')`),
        like: false
      },
      not_equal: {
        query: (value: unknown[]) =>
          Raw((alias) => `${alias} NOT ILIKE ALL (ARRAY[${value.map((v) => `'${v}'`).join(', ')}])`),
        like: false
      },
      not_contains: {
        query: (value: unknown[]) =>
          Raw((alias) => `${alias} NOT ILIKE ALL (ARRAY[${value.map((v) => `'%${v}%'`).join(', ')}])`),
        like: true
      },
      contains: {
        query: (value: unknown[]) =>
          Raw((alias) => `${alias} ILIKE ANY ('{${value.map((v) => `${`%${v}%`}`).join(', ')}}')`),
        like: true
      }
    }

    for (const filter of filterList) {
      searchList[`${filter.property.toString()}`] = postgresSearch[filter.command].query(filter.value)
    }

    const result = await this.repository.findOne({
      where: searchList
    } as FindOneOptions<T>)

    if (!result) {
      return null
    }

    return result
  }

  async findByCommands(filterList: DatabaseOperationCommand<T>[]): Promise<T[]> {
    const searchList: { [key: string]: unknown } = {}

    const postgresSearch = {
      equal: {
        query: (value: unknown[]) =>
          Raw((alias) => `${alias} ILIKE ANY ('{${value.map((v) => `${`${v}`}`).join(', ')}}')`),
        like: false
      },
      not_equal: {
        query: (value: unknown[]) =>
          Raw((alias) => `${alias} NOT ILIKE ALL (ARRAY[${value.map((v) => `'${v}'`).join(', ')}])`),
        like: false
      },
      not_contains: {
        query: (value: unknown[]) =>
          Raw((alias) => `${alias} NOT ILIKE ALL (ARRAY[${value.map((v) => `'%${v}%'`).join(', ')}])`),
        like: true
      },
      contains: {
        query: (value: unknown[]) =>
          Raw((alias) => `${alias} ILIKE ANY ('{${value.map((v) => `${`%${v}%`}`).join(', ')}}')`),
        like: true
      }
    }

    for (const filter of filterList) {
      searchList[`${filter.property.toString()}`] = postgresSearch[filter.command].query(filter.value)
    }

    return this.repository.find({
      where: searchList
    } as FindOneOptions<T>)
  }

  async remove<TQuery = Partial<T>>(filter: TQuery): Promise<RemovedModel> {
    try {
      const data = await this.repository.delete(filter as FindOptionsWhere<T>)
      return { deletedCount: data.affected || 0, deleted: !!data.affected }
    } catch (error) {
      throw handleDatabaseError({ error, context: `${this.context}/remove` })
    }
  }

  async findOne<TQuery = Partial<T>>(filter: TQuery): Promise<T | null> {
    return this.repository.findOne({
      where: filter
    } as FindOneOptions<T>)
  }

  async updateOne<TQuery = Partial<T>, TUpdate = Partial<T>>(filter: TQuery, updated: TUpdate): Promise<UpdatedModel> {
    try {
      const data = await this.repository.update(filter as FindOptionsWhere<T>, Object.assign({}, updated))
      return {
        modifiedCount: data.affected || 0,
        upsertedCount: 0,
        upsertedId: 0,
        matchedCount: data.affected || 0,
        acknowledged: !!data.affected
      }
    } catch (error) {
      throw handleDatabaseError({ error, context: `${this.context}/updateOne` })
    }
  }

  async findOneAndUpdate<TQuery = Partial<T>, TUpdate = Partial<T>>(
    filter: TQuery,
    updated: TUpdate
  ): Promise<T | null> {
    await this.repository.update(filter as FindOptionsWhere<T>, updated as object)

    return this.findOne(filter)
  }

  async updateMany<TQuery = Partial<T>, TUpdate = Partial<T>>(filter: TQuery, updated: TUpdate): Promise<UpdatedModel> {
    try {
      const data = await this.repository.update(filter as FindOptionsWhere<T>, updated as object)
      return {
        modifiedCount: data.affected || 0,
        upsertedCount: 0,
        upsertedId: 0,
        matchedCount: data.affected || 0,
        acknowledged: !!data.affected
      }
    } catch (error) {
      throw handleDatabaseError({ error, context: `${this.context}/updateMany` })
    }
  }

  async findOneWithSelectFields<TQuery = Partial<T>>(
    filter: TQuery,
    includeProperties: (keyof T)[]
  ): Promise<T | null> {
    const select = includeProperties.map((e) => `${e.toString()}`) as (keyof T)[]
    return this.repository.findOne({
      where: filter as FindOptionsWhere<T>,
      select: this.createSelect(select)
    })
  }

  async findAllWithSelectFields<TQuery = Partial<T>>(includeProperties: (keyof T)[], filter?: TQuery): Promise<T[]> {
    const select = includeProperties.map((e) => `${e.toString()}`) as (keyof T)[]
    return this.repository.find({
      where: filter as FindOptionsWhere<T>,
      select: this.createSelect(select)
    })
  }

  async findOneWithExcludeFields(filter: unknown, excludeProperties: (keyof T)[]): Promise<T | null> {
    const select = excludeProperties.map((e) => `${e.toString()}`)
    return this.repository.findOne({
      where: filter as FindOptionsWhere<T>,
      select: this.excludeColumns(select)
    })
  }

  async findAllWithExcludeFields<TQuery = Partial<T>>(excludeProperties: (keyof T)[], filter?: TQuery): Promise<T[]> {
    const select = excludeProperties.map((e) => `${e.toString()}`)
    return this.repository.find({
      where: filter as FindOptionsWhere<T>,
      select: this.excludeColumns(select)
    })
  }

  async findOneWithRelation<Filter = Partial<T>>(filter: Filter, joins?: JoinType<T>): Promise<T | null> {
    const relations = createRelations(joins)

    const options: FindOneOptions<T> = {
      where: filter as FindOptionsWhere<T>
    }

    if (Object.keys(relations).length > 0) {
      options.relations = relations
    }

    return this.repository.findOne(options)
  }

  async findAllWithRelation<Filter = Partial<T>>(filter?: Filter, joins?: JoinType<T>): Promise<T[]> {
    const relations = createRelations(joins)

    const where: FindOptionsWhere<T> = {
      deletedAt: null,
      ...(filter as FindOptionsWhere<T>)
    } as FindOptionsWhere<T>

    const options: FindManyOptions<T> = { where }

    if (Object.keys(relations).length > 0) {
      options.relations = relations
    }

    return this.repository.find(options)
  }

  async exists<TQuery = Partial<T>>(filter: TQuery): Promise<boolean> {
    const result = await this.repository.exists({ where: filter as FindOptionsWhere<T> })
    return result
  }

  async existsOnUpdate<TQuery = Partial<T>>(filter: TQuery, id: string | number): Promise<boolean> {
    const result = await this.repository.exists({
      where: { ...filter, id: Not(id) } as FindOptionsWhere<T>
    })
    return result
  }

  async softRemove(entity: Partial<T>): Promise<T> {
    return await this.repository.softRemove(entity as T)
  }

  private createSelect(includeProperties: (keyof T)[]): FindOptionsSelect<T> {
    if (includeProperties.length === 0) {
      return {}
    }
    const select: Record<string, boolean> = {}

    includeProperties.forEach((property) => {
      select[String(property)] = true
    })

    return select as FindOptionsSelect<T>
  }

  private excludeColumns(columnsToExclude: string[]): FindOptionsSelect<T> {
    const excludeSet = new Set(columnsToExclude)
    const select: Record<string, boolean> = {}

    this.repository.metadata.columns.forEach((column) => {
      const columnName = column.databaseName
      if (!excludeSet.has(columnName)) {
        select[columnName] = true
      }
    })

    return select as FindOptionsSelect<T>
  }
}
