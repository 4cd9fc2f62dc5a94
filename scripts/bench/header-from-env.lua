-- wrk script: adds the header PROXY_HEADER_NAME with the value of PROXY_HEADER_VALUE, both read
-- from the environment, so a secret header (the ALB's origin header) never shows in argv.
local name = os.getenv("PROXY_HEADER_NAME")
if name and name ~= "" then
  wrk.headers[name] = os.getenv("PROXY_HEADER_VALUE")
end
