/**
 * Reading a typed birth answer: a year decides the side of 1 January 2015, a missing year or place
 * stays missing (the dialog asks), and a place is a Colombian one only by an exact DIVIPOLA name.
 */
import { GeoDirectory } from '../../bot/geo';
import { readBirthAnswer } from '../../bot/nlu/birthAnswer';

const geo = GeoDirectory.shipped();
const inColombia = (name: string): boolean => {
  const found = geo.resolvePlace(name);
  return (found.kind === 'municipality' || found.kind === 'department') && found.exact;
};

describe('readBirthAnswer', () => {
  it.each([
    ['nacio en cucuta en marzo 2015', { place: 'colombia', period: 'since_2015' }],
    ['mi hijo nació en Cúcuta en marzo de 2015, es colombiano?', { place: 'colombia', period: 'since_2015' }],
    ['nacio en colombia en 2014', { place: 'colombia', period: 'before_2015' }],
    ['born in colombia 2013', { place: 'colombia', period: 'before_2015' }],
    ['nacio en medellin en diciembre 2014', { place: 'colombia', period: 'before_2015' }],
    ['en 2014', { period: 'before_2015' }],
    ['antes del 2015', { period: 'before_2015' }],
    ['15/03/2016', { period: 'since_2015' }],
    ['nacio en colombia', { place: 'colombia' }],
    ['born in colombia', { place: 'colombia' }],
    ['nacio en venezuela en 2016', { place: 'abroad', period: 'since_2015' }],
  ])('%s', (text, expected) => {
    expect(readBirthAnswer(text, inColombia)).toEqual(expected);
  });

  it('guesses nothing from an age, a contradiction or an open-ended "before"', () => {
    expect(readBirthAnswer('tiene 5 años', inColombia)).toEqual({});
    expect(readBirthAnswer('vivimos en colombia pero nacio en venezuela', inColombia)).toEqual({});
    expect(readBirthAnswer('antes de 2018', inColombia)).toEqual({});
    expect(readBirthAnswer('en 2014 o 2016, no me acuerdo', inColombia)).toEqual({});
  });

  it('a month is not a place ("en marzo"), and without the directory only the word Colombia counts', () => {
    expect(readBirthAnswer('nacio en marzo de 2016', inColombia)).toEqual({ period: 'since_2015' });
    expect(readBirthAnswer('nacio en cucuta')).toEqual({});
  });
});
