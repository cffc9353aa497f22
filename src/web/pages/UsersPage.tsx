/** 用户管理: the page lives in ./users; the route table imports it from here. */
export { UsersPage } from './users/UsersPage.tsx';
