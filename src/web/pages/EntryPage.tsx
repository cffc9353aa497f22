/** 数据填报: the page lives in ./entry; the route table imports it from here. */
export { EntryPage } from './entry/EntryPage.tsx';
