"""Reading 三定 regulations and reform plans into `zhize.extract/1` records. Imports only `graph`."""
