export { NotAnMLModel } from './NotAnMLModel';
