// The catalogue's rules live in shared, so the administrators' console checks a draft exactly as
// the server will.
export * from '@madoguchi/shared/catalog';
