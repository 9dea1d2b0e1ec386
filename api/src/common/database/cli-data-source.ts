// For the TypeORM CLI (run on compiled JS): `npx typeorm migration:generate -d dist/api/common/database/cli-data-source.js`.
import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { serverDataSourceOptions } from './data-source.js';

const url = process.env.DATABASE_URL;
if (!url) throw new Error('DATABASE_URL must be set to run the TypeORM CLI against a PostgreSQL server');
export default new DataSource(serverDataSourceOptions(url));
