/** Colombia's geography (DANE DIVIPOLA): codes, names and place-name resolution. No botbuilder here. */
export * from './divipola';
export * from './divipolaFile';
export * from './geoDirectory';
export { foldPlaceText } from './placeText';
