using 'main.bicep'

// Example parameters for one trial unit. Copy and edit; keep secrets out of this file.
param namePrefix = 'enrich'

// Monthly, 06:00 UTC on the 1st (six-field NCrontab).
param funderReportSchedule = '0 0 6 1 * *'

param downloadLinkLifetimeDays = 14

// Read from the environment at deployment time, never stored here. Set it on the first deployment
// and to rotate (docs/deploy.md); when unset, the secret in Key Vault is left as it is.
param downloadLinkSigningKey = readEnvironmentVariable('DOWNLOAD_LINK_SIGNING_KEY', '')
