export { MLModelUnresolvedRefsWarning } from './MLModelUnresolvedRefsWarning';
