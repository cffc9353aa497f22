/** 数据审核: the page lives in ./review; the route table imports it from here. */
export { ReviewPage } from './review/ReviewPage.tsx';
