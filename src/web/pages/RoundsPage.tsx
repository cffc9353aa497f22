/** 填报进度: the page lives in ./rounds; the route table imports it from here. */
export { RoundsPage } from './rounds/RoundsPage.tsx';
