/** The guide's HTML pages, served by the demo. */

/**
 * The guide's "Browser Testing" page (served at `/`).
 * guide: one line added, a link to the guide's SSE client page at `/sse-client`.
 */
export const BROWSER_TEST_PAGE = `<!DOCTYPE html>
<html>
<head>
    <title>Streaming Test</title>
</head>
<body>
    <button onclick="testStreaming()">Test Streaming</button>
    <button onclick="testSSE()">Test SSE</button>
    <p><a href="/sse-client">SSE client page</a></p>
    <pre id="output"></pre>
    
    <script>
        async function testStreaming() {
            const output = document.getElementById('output');
            output.textContent = '';
            
            const response = await fetch('/stream/manual');
            const reader = response.body.getReader();
            const decoder = new TextDecoder();
            
            while (true) {
                const { done, value } = await reader.read();
                if (done) break;
                
                output.textContent += decoder.decode(value);
            }
        }
        
        function testSSE() {
            const output = document.getElementById('output');
            output.textContent = '';
            
            const eventSource = new EventSource('/stream/sse');
            
            eventSource.onmessage = function(event) {
                output.textContent += event.data + '\\n';
            };
            
            eventSource.onerror = function() {
                eventSource.close();
            };
        }
    </script>
</body>
</html>
`;

/** The guide's "Client-Side SSE" page (served at `/sse-client`), as written. */
export const SSE_CLIENT_PAGE = `<!DOCTYPE html>
<html>
<head>
    <title>SSE Client</title>
</head>
<body>
    <div id="messages"></div>
    
    <script>
        const eventSource = new EventSource('/stream/sse');
        const messages = document.getElementById('messages');
        
        eventSource.onmessage = function(event) {
            const data = JSON.parse(event.data);
            messages.innerHTML += \`<p>Default: \${JSON.stringify(data)}</p>\`;
        };
        
        eventSource.addEventListener('greeting', function(event) {
            const data = JSON.parse(event.data);
            messages.innerHTML += \`<p>Greeting: \${data.message}</p>\`;
        });
        
        eventSource.addEventListener('progress', function(event) {
            const data = JSON.parse(event.data);
            messages.innerHTML += \`<p>Progress: \${data.progress}% - \${data.status}</p>\`;
        });
        
        eventSource.onerror = function(event) {
            console.error('SSE error:', event);
        };
    </script>
</body>
</html>
`;

/** An HTML response with `Content-Type: text/html; charset=utf-8`. */
export function htmlResponse(html: string): Response {
  return new Response(html, { headers: { 'Content-Type': 'text/html; charset=utf-8' } });
}
