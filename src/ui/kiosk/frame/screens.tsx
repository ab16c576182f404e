/** Which component draws which screen. */
import type { ComponentType } from 'react';
import { ActivitiesScreen } from '../activities/activities-screen.js';
import { BookScreen } from '../book/book-screen.js';
import { HomeScreen } from '../home/home-screen.js';
import { MealsScreen } from '../meals/meals-screen.js';
import { MyDayScreen } from '../my-day/my-day-screen.js';
import { NewsScreen } from '../news/news-screen.js';
import { PhotosScreen } from '../photos/photos-screen.js';
import { RosterScreen } from '../roster/roster-screen.js';
import { useKiosk, type Screen } from '../state/store.js';

const components: Record<Screen, ComponentType> = {
  home: HomeScreen,
  'my-day': MyDayScreen,
  meals: MealsScreen,
  activities: ActivitiesScreen,
  book: BookScreen,
  news: NewsScreen,
  photos: PhotosScreen,
  roster: RosterScreen,
};

export function CurrentScreen() {
  const screen = useKiosk((s) => s.screen);
  const Component = components[screen];
  return <Component />;
}
