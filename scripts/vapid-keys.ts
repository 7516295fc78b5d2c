/**
 * Prints a new Web Push (VAPID) key pair for the environment. Changing the pair in production
 * makes every browser's subscription useless until the person turns push on again.
 */
import webpush from 'web-push';

const { publicKey, privateKey } = webpush.generateVAPIDKeys();
console.log(`VAPID_PUBLIC_KEY=${publicKey}`);
console.log(`VAPID_PRIVATE_KEY=${privateKey}`);
console.log('VAPID_SUBJECT=mailto:admin@example.go.id');
