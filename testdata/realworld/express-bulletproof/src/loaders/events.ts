//Here we import all events
import '@/subscribers/user';
